using System.Diagnostics;

namespace Voxgate.Audio.Tests;

/// <summary>Runs Debian's sox, the reference implementation these tests compare against.</summary>
internal static class Sox
{
    public static void Run(params string[] arguments)
    {
        var start = new ProcessStartInfo("sox") { RedirectStandardError = true, UseShellExecute = false };
        foreach (string argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException("sox did not start");
        string error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"sox {string.Join(' ', arguments)} failed: {error}");
        }
    }
}
