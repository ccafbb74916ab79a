using System.Diagnostics;
using System.Text;

namespace Voxgate.Server.Tests.TestSupport;

/// <summary>The tests' child processes: started without the developer's environment, run to their end, output captured.</summary>
internal static class ChildProcess
{
    /// <summary>Redirects output and removes <c>OPENAI_API_KEY</c> and <c>VOXGATE__*</c>: a child sees only what the test gives it.</summary>
    public static ProcessStartInfo Isolated(ProcessStartInfo start)
    {
        start.UseShellExecute = false;
        start.RedirectStandardOutput = true;
        start.RedirectStandardError = true;
        foreach (string name in start.Environment.Keys.Where(k => k.StartsWith("VOXGATE__", StringComparison.OrdinalIgnoreCase) || k == "OPENAI_API_KEY").ToList())
        {
            start.Environment.Remove(name);
        }

        return start;
    }

    /// <summary>Runs <paramref name="start"/> to its end; killed (with a <see cref="TimeoutException"/>) past <paramref name="timeout"/>.</summary>
    public static async Task<(int ExitCode, string Stdout, string Stderr)> RunAsync(ProcessStartInfo start, TimeSpan timeout)
    {
        using Process process = Process.Start(Isolated(start))!;
        var stdout = new StringBuilder();
        var stderr = new StringBuilder();
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) { lock (stdout) { stdout.AppendLine(e.Data); } } };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) { lock (stderr) { stderr.AppendLine(e.Data); } } };
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
            lock (stderr)
            {
                throw new TimeoutException($"{Path.GetFileName(start.FileName)} {string.Join(' ', start.ArgumentList)} did not finish within {timeout}: {stderr}");
            }
        }

        // The exit is in; the last lines of output follow it.
        process.WaitForExit(10_000);
        lock (stdout)
        {
            lock (stderr)
            {
                return (process.ExitCode, stdout.ToString(), stderr.ToString());
            }
        }
    }
}
