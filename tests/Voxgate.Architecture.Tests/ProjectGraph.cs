using System.Text.RegularExpressions;
using System.Xml.Linq;

namespace Voxgate.Architecture.Tests;

/// <summary>Each project under src/: the Voxgate projects it references and the Voxgate namespaces its sources use.</summary>
internal sealed partial record ProjectGraph(IReadOnlyDictionary<string, ProjectFacts> Projects)
{
    public static ProjectGraph Read(string src)
    {
        var projects = new Dictionary<string, ProjectFacts>(StringComparer.Ordinal);
        foreach (string file in Directory.EnumerateFiles(src, "*.csproj", SearchOption.AllDirectories))
        {
            string name = Path.GetFileNameWithoutExtension(file);
            string[] references = [.. XDocument.Load(file).Descendants("ProjectReference")
                .Select(r => Path.GetFileNameWithoutExtension(((string?)r.Attribute("Include") ?? string.Empty).Replace('\\', '/')))];
            string[] usings = [.. Repository.Sources(Path.GetDirectoryName(file)!)
                .SelectMany(File.ReadLines)
                .Select(line => UsingLine().Match(line))
                .Where(m => m.Success)
                .Select(m => m.Groups[1].Value)
                .Distinct()];
            projects[name] = new ProjectFacts(name, references, usings);
        }

        return new ProjectGraph(projects);
    }

    [GeneratedRegex(@"^\s*(?:global\s+)?using\s+(?:static\s+)?(Voxgate(?:\.\w+)*)\s*;")]
    private static partial Regex UsingLine();
}

/// <summary>One project's references and the Voxgate namespaces it uses.</summary>
internal sealed record ProjectFacts(string Name, IReadOnlyList<string> References, IReadOnlyList<string> Usings);
