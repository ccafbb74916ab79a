namespace Voxgate.Architecture.Tests;

/// <summary>
/// Which way Voxgate's dependencies point (README, Architecture): Audio depends on nothing of ours; the message contract
/// on nothing of ours; the engine on Audio and the contract, never on the protocol; the protocol serves any
/// IRealtimeClient and knows nothing of the engine; calls (records, store, tools, scores) know only Audio; only the
/// server knows everything.
/// </summary>
internal static class DependencyRules
{
    /// <summary>The Voxgate projects each project may reference (and whose namespaces it may use), itself aside.</summary>
    public static readonly IReadOnlyDictionary<string, string[]> Allowed = new Dictionary<string, string[]>(StringComparer.Ordinal)
    {
        ["Voxgate.Audio"] = [],
        ["Voxgate.Realtime.Abstractions"] = [],
        ["Voxgate.Speech"] = ["Voxgate.Audio", "Voxgate.Realtime.Abstractions"],
        ["Voxgate.Realtime"] = ["Voxgate.Audio", "Voxgate.Realtime.Abstractions"],
        ["Voxgate.Calls"] = ["Voxgate.Audio"],
    };

    /// <summary>Every broken rule, as a sentence; empty when the graph is sound.</summary>
    public static IEnumerable<string> Violations(ProjectGraph graph)
    {
        foreach (ProjectFacts project in graph.Projects.Values)
        {
            if (!Allowed.TryGetValue(project.Name, out string[]? allowed))
            {
                // The host (Voxgate.Server) and tools may use anything.
                continue;
            }

            foreach (string reference in project.References.Where(r => r.StartsWith("Voxgate", StringComparison.Ordinal) && !allowed.Contains(r)))
            {
                yield return $"{project.Name} references {reference}";
            }

            foreach (string used in project.Usings)
            {
                string? owner = OwnerOf(used, graph);
                if (owner is not null && owner != project.Name && !allowed.Contains(owner))
                {
                    yield return $"{project.Name} uses namespace {used} (from {owner})";
                }
            }
        }
    }

    /// <summary>The project a namespace belongs to: the longest project name it starts with.</summary>
    private static string? OwnerOf(string @namespace, ProjectGraph graph)
        => graph.Projects.Keys
            .Where(p => @namespace == p || @namespace.StartsWith(p + ".", StringComparison.Ordinal))
            .OrderByDescending(p => p.Length)
            .FirstOrDefault();
}
