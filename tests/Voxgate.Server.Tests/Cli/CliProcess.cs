using System.Diagnostics;
using Voxgate.Server.Tests.TestSupport;

namespace Voxgate.Server.Tests.Cli;

/// <summary>
/// Runs the voxgate command line in a process of its own, as a user does, for commands that load the machine: a
/// benchmark's engine start-up, CPU and forced, blocking garbage collections (it measures memory) must not land in the
/// test process, where they would stall every other test's server.
/// </summary>
internal static class CliProcess
{
    public static Task<(int ExitCode, string Stdout, string Stderr)> RunAsync(TimeSpan timeout, params string[] args)
    {
        var start = new ProcessStartInfo("dotnet");
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "voxgate.dll"));
        foreach (string argument in args)
        {
            start.ArgumentList.Add(argument);
        }

        return ChildProcess.RunAsync(start, timeout);
    }
}
