using System.Diagnostics;

namespace Voxgate.Server.Tests.TestSupport;

/// <summary>
/// The real clients of <c>tests/conformance</c> (OpenAI's Agents SDK and the <c>openai</c> package's GA types, installed
/// by <c>scripts/setup.sh --test</c> from their lock file), run with Node against a server on loopback.
/// </summary>
internal static class ConformanceClients
{
    public static string Folder { get; } = Path.Combine(FindRoot(), "tests", "conformance");

    /// <summary>Runs <paramref name="script"/> in the conformance folder; its exit code and what it printed.</summary>
    public static async Task<(int ExitCode, string Stdout, string Stderr)> RunAsync(string script, TimeSpan timeout, params string[] arguments)
    {
        if (!Directory.Exists(Path.Combine(Folder, "node_modules", "@openai", "agents-realtime")))
        {
            throw new InvalidOperationException($"The conformance clients are not installed in {Folder}: run scripts/setup.sh --test (make test does).");
        }

        // The Node that scripts/setup.sh fetched for these clients (they need 20 or later; Debian 12 has 18).
        string node = Path.Combine(Folder, ".node", "bin", "node");
        var start = new ProcessStartInfo(File.Exists(node) ? node : "node") { WorkingDirectory = Folder };
        start.ArgumentList.Add(script);
        foreach (string argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        return await ChildProcess.RunAsync(start, timeout);
    }

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
