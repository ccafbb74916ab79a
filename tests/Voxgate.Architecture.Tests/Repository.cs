namespace Voxgate.Architecture.Tests;

/// <summary>The checked-out source tree these tests read: the folder holding Voxgate.slnx above the test binaries.</summary>
internal static class Repository
{
    public static string Root { get; } = FindRoot();

    public static string Src => Path.Combine(Root, "src");

    /// <summary>The C# sources of a project folder, generated and build output left out.</summary>
    public static IEnumerable<string> Sources(string projectDirectory)
        => Directory.EnumerateFiles(projectDirectory, "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                && !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal));

    private static string FindRoot()
    {
        for (DirectoryInfo? directory = new(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Voxgate.slnx")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException("Voxgate.slnx not found above " + AppContext.BaseDirectory);
    }
}
