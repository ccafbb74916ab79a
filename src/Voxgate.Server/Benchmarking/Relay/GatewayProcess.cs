using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace Voxgate.Server.Benchmarking.Relay;

/// <summary>
/// The gateway under test, in its own process (so its CPU and memory are its own): this build's voxgate, or another
/// build's to compare in the same run.
/// </summary>
internal sealed class GatewayProcess : IAsyncDisposable
{
    private readonly Process _process;

    private GatewayProcess(Process process, Uri address)
    {
        _process = process;
        Address = address;
    }

    public Uri Address { get; }

    public int Id => _process.Id;

    public static async Task<GatewayProcess> StartAsync(string voxgateDll, Uri upstream, CancellationToken cancellationToken, params string[] settings)
    {
        int port = FreePort();
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (string argument in (string[])[
            voxgateDll, "serve", "--urls", $"http://127.0.0.1:{port}",
            "--Upstream:Kind=custom", $"--Upstream:Endpoint={upstream}",
            "--Gateway:MaxSessions=100000", "--Gateway:MaxSessionsPerIp=100000", "--Gateway:IdleTimeout=00:10:00",
            "--Logging:LogLevel:Default=Warning", .. settings])
        {
            start.ArgumentList.Add(argument);
        }

        // The same runtime settings a deployment uses (docs/deployment.md), whatever the build's own defaults.
        start.Environment["DOTNET_gcServer"] = "0";
        foreach (string name in start.Environment.Keys.Where(k => k == "OPENAI_API_KEY" || k.StartsWith("VOXGATE__", StringComparison.OrdinalIgnoreCase)).ToList())
        {
            start.Environment.Remove(name);
        }

        Process process = Process.Start(start) ?? throw new InvalidOperationException("could not start the gateway.");
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var gateway = new GatewayProcess(process, new Uri($"http://127.0.0.1:{port}"));
        await gateway.WaitUntilListeningAsync(cancellationToken).ConfigureAwait(false);
        return gateway;
    }

    /// <summary>CPU time the process has used so far.</summary>
    public TimeSpan CpuTime()
    {
        // /proc/<pid>/stat fields 14 and 15: user and system time in clock ticks (100 a second on Linux).
        string stat = File.ReadAllText($"/proc/{_process.Id}/stat");
        string[] fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        long ticks = long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture);
        return TimeSpan.FromSeconds(ticks / 100.0);
    }

    /// <summary>Threads the process has now.</summary>
    public int Threads()
    {
        string? line = File.ReadLines($"/proc/{_process.Id}/status").FirstOrDefault(l => l.StartsWith("Threads:", StringComparison.Ordinal));
        return line is null ? -1 : int.Parse(line.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture);
    }

    /// <summary>Open file descriptors (sockets, files): the handles a leak would pile up.</summary>
    public int Handles() => Directory.GetFiles($"/proc/{_process.Id}/fd").Length;

    /// <summary>Resident memory, in megabytes.</summary>
    public double ResidentMb()
    {
        string? line = File.ReadLines($"/proc/{_process.Id}/status").FirstOrDefault(l => l.StartsWith("VmRSS:", StringComparison.Ordinal));
        return line is null ? double.NaN : long.Parse(line.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) / 1024.0;
    }

    private async Task WaitUntilListeningAsync(CancellationToken cancellationToken)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        long start = Stopwatch.GetTimestamp();
        while (Stopwatch.GetElapsedTime(start) < TimeSpan.FromSeconds(60))
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"the gateway exited with code {_process.ExitCode} before it listened.");
            }

            try
            {
                using HttpResponseMessage response = await http.GetAsync(new Uri(Address, "/healthz"), cancellationToken).ConfigureAwait(false);
                return;
            }
            catch (HttpRequestException)
            {
                await Task.Delay(200, cancellationToken).ConfigureAwait(false);
            }
            catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
            }
        }

        throw new InvalidOperationException("the gateway did not listen within a minute.");
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync().ConfigureAwait(false);
        }

        _process.Dispose();
    }
}
