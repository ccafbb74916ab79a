using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Voxgate.Server.Tests.TestSupport;

/// <summary>
/// <c>voxgate serve</c> in a process of its own (this build's, from the test's output), for what only a real process
/// can show: being killed. It sees only the settings given here, never the developer's environment.
/// </summary>
internal sealed class VoxgateProcess : IAsyncDisposable
{
    private readonly Process _process;

    private VoxgateProcess(Process process, Uri address)
    {
        _process = process;
        Address = address;
    }

    public Uri Address { get; }

    public static async Task<VoxgateProcess> StartAsync(params string[] settings)
    {
        int port;
        using (var listener = new TcpListener(IPAddress.Loopback, 0))
        {
            listener.Start();
            port = ((IPEndPoint)listener.LocalEndpoint).Port;
        }

        var start = new ProcessStartInfo("dotnet");
        foreach (string argument in (string[])[Path.Combine(AppContext.BaseDirectory, "voxgate.dll"), "serve", "--urls", $"http://127.0.0.1:{port}", "--Logging:LogLevel:Default=Warning", .. settings])
        {
            start.ArgumentList.Add(argument);
        }

        Process process = Process.Start(ChildProcess.Isolated(start))!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var voxgate = new VoxgateProcess(process, new Uri($"http://127.0.0.1:{port}"));
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        for (DateTime deadline = DateTime.UtcNow.AddSeconds(60); DateTime.UtcNow < deadline && !process.HasExited;)
        {
            try
            {
                using HttpResponseMessage health = await http.GetAsync(new Uri(voxgate.Address, "/healthz"));
                if (health.IsSuccessStatusCode)
                {
                    return voxgate;
                }
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
            {
            }

            await Task.Delay(200);
        }

        await voxgate.DisposeAsync();
        throw new InvalidOperationException("voxgate serve did not become healthy within a minute.");
    }

    /// <summary>SIGKILL: no shutdown, no flushing, as a crash.</summary>
    public void Kill()
    {
        _process.Kill(entireProcessTree: true);
        _process.WaitForExit();
    }

    public ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            Kill();
        }

        _process.Dispose();
        return ValueTask.CompletedTask;
    }
}
