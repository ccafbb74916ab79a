using System.Diagnostics;
using System.Text;

namespace Voxgate.Server.Tests.Cli;

/// <summary>
/// Runs the voxgate command line in a process of its own, as a user does, for commands that load the machine: a
/// benchmark's CPU and its forced, blocking garbage collections (it measures memory) must not land in the test
/// process, where they would stall every other test's server. It sees none of the developer's environment.
/// </summary>
internal static class CliProcess
{
    public static async Task<(int ExitCode, string Output, string Error)> RunAsync(TimeSpan timeout, params string[] args)
    {
        var start = new ProcessStartInfo("dotnet") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "voxgate.dll"));
        foreach (string argument in args)
        {
            start.ArgumentList.Add(argument);
        }

        foreach (string name in start.Environment.Keys.Where(k => k.StartsWith("VOXGATE__", StringComparison.OrdinalIgnoreCase) || k == "OPENAI_API_KEY").ToList())
        {
            start.Environment.Remove(name);
        }

        using Process process = Process.Start(start)!;
        var output = new StringBuilder();
        var error = new StringBuilder();
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) { lock (output) { output.AppendLine(e.Data); } } };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) { lock (error) { error.AppendLine(e.Data); } } };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        using var cts = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(cts.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"voxgate {string.Join(' ', args)} did not finish within {timeout}: {error}");
        }

        // The exit is in; the last lines of output follow it.
        process.WaitForExit(10_000);
        lock (output)
        {
            lock (error)
            {
                return (process.ExitCode, output.ToString(), error.ToString());
            }
        }
    }
}
