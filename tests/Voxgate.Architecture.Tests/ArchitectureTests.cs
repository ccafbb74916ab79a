using System.Reflection;
using System.Text.RegularExpressions;
using Voxgate.Realtime.Protocol;

namespace Voxgate.Architecture.Tests;

public sealed partial class ArchitectureTests
{
    private static readonly ProjectGraph Graph = ProjectGraph.Read(Repository.Src);

    // The browser page's own protocol (docs/protocol.md) also has "response.done"; the host's page-protocol code (the
    // gateway, and its clients in the CLI and the benchmarks) may write it. "error" is every JSON's word, not a sign.
    private static readonly string[] PageProtocolNames = [RealtimeEventNames.ResponseDone];
    private static readonly string[] PageProtocolFolders = ["Gateway", "Cli", "Benchmarking"];

    [Fact]
    public void Every_project_reference_and_namespace_points_the_allowed_way()
    {
        Assert.Equal(["Voxgate.Audio", "Voxgate.Calls", "Voxgate.Realtime", "Voxgate.Realtime.Abstractions", "Voxgate.Speech"], DependencyRules.Allowed.Keys.Where(Graph.Projects.ContainsKey).Order());
        Assert.Empty(DependencyRules.Violations(Graph));
    }

    [Fact]
    public void A_forbidden_reference_or_namespace_is_caught()
    {
        var broken = new ProjectGraph(new Dictionary<string, ProjectFacts>(Graph.Projects)
        {
            ["Voxgate.Speech"] = Graph.Projects["Voxgate.Speech"] with { References = [.. Graph.Projects["Voxgate.Speech"].References, "Voxgate.Realtime"] },
            ["Voxgate.Realtime"] = Graph.Projects["Voxgate.Realtime"] with { Usings = [.. Graph.Projects["Voxgate.Realtime"].Usings, "Voxgate.Speech.Engine"] },
            ["Voxgate.Audio"] = Graph.Projects["Voxgate.Audio"] with { Usings = ["Voxgate.Realtime.Abstractions"] },
        });

        Assert.Equal(
            ["Voxgate.Audio uses namespace Voxgate.Realtime.Abstractions (from Voxgate.Realtime.Abstractions)", "Voxgate.Realtime uses namespace Voxgate.Speech.Engine (from Voxgate.Speech)", "Voxgate.Speech references Voxgate.Realtime"],
            DependencyRules.Violations(broken).Order());
    }

    [Fact]
    public void No_OpenAI_event_name_or_session_error_code_is_written_outside_the_protocol_project()
    {
        string[] names = [.. typeof(RealtimeEventNames).GetFields(BindingFlags.Public | BindingFlags.Static)
            .Where(f => f.IsLiteral && f.FieldType == typeof(string))
            .Select(f => (string)f.GetRawConstantValue()!)
            .Where(n => n != RealtimeEventNames.Error)
            .Concat(WireErrorCodes.OpenAISpellings)];
        Assert.Contains("conversation.item.truncate", names);
        Assert.Contains("input_audio_buffer_commit_empty", names);

        var found = new List<string>();
        foreach (string file in Repository.Sources(Repository.Src).Where(f => !IsUnder(f, "Voxgate.Realtime")))
        {
            string text = File.ReadAllText(file);
            foreach (string name in names.Where(n => text.Contains('"' + n + '"', StringComparison.Ordinal)))
            {
                if (PageProtocolNames.Contains(name) && PageProtocolFolders.Any(folder => IsUnder(file, Path.Combine("Voxgate.Server", folder))))
                {
                    continue;
                }

                found.Add($"{Path.GetRelativePath(Repository.Root, file)}: \"{name}\"");
            }
        }

        Assert.Empty(found);
    }

    [Fact]
    public void No_code_compares_type_names_and_the_engine_sees_no_wire_JSON()
    {
        var found = new List<string>();
        foreach (string file in Repository.Sources(Repository.Src))
        {
            string relative = Path.GetRelativePath(Repository.Root, file);
            string text = File.ReadAllText(file);
            found.AddRange(TypeNameComparison().Matches(text).Select(m => $"{relative}: {m.Value}"));
            if (IsUnder(file, Path.Combine("Voxgate.Speech", "Engine")) || IsUnder(file, Path.Combine("Voxgate.Speech", "Synthesis")) || IsUnder(file, "Voxgate.Audio") || IsUnder(file, "Voxgate.Realtime.Abstractions"))
            {
                found.AddRange(WireJson().Matches(text).Select(m => $"{relative}: {m.Value}"));
            }
        }

        Assert.Empty(found);
    }

    private static bool IsUnder(string file, string project)
        => file.StartsWith(Path.Combine(Repository.Src, project) + Path.DirectorySeparatorChar, StringComparison.Ordinal);

    [GeneratedRegex(@"GetType\(\)\.(?:Name|FullName)\s*(?:==|!=|\.(?:EndsWith|StartsWith|Equals|Contains))|\.Type\.Value\s*(?:==|is)\s*""")]
    private static partial Regex TypeNameComparison();

    [GeneratedRegex(@"System\.Text\.Json\.Nodes|\bRawRepresentation\b|\bJsonObject\b")]
    private static partial Regex WireJson();
}
