using System.Diagnostics;
using System.Text;

namespace Voxgate.Scale.Tests.TestSupport;

/// <summary>
/// One <c>voxgate serve</c> process (this build's) on a free loopback port, with only the settings given here: the
/// developer's <c>VOXGATE__*</c>, <c>OPENAI_API_KEY</c> and <c>OTEL_*</c> are taken out of its environment.
/// </summary>
internal sealed class VoxgateInstance : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();

    private VoxgateInstance(string name, Process process, Uri address)
    {
        Name = name;
        _process = process;
        Address = address;
        process.OutputDataReceived += (_, e) => Append(e.Data);
        process.ErrorDataReceived += (_, e) => Append(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    /// <summary>Its <c>Store:InstanceId</c>.</summary>
    public string Name { get; }

    public Uri Address { get; }

    public int Pid => _process.Id;

    public bool HasExited => _process.HasExited;

    public int ExitCode => _process.ExitCode;

    /// <summary>What it wrote to its console (warnings, errors, requests and connections), for a failure's message.</summary>
    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    public static async Task<VoxgateInstance> StartAsync(string name, IEnumerable<string> settings)
    {
        int port = Ports.Free();
        var start = new ProcessStartInfo("dotnet") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (string argument in (string[])[Path.Combine(AppContext.BaseDirectory, "voxgate.dll"), "serve", "--urls", $"http://127.0.0.1:{port}",
            "--Logging:LogLevel:Default=Warning", $"--Store:InstanceId={name}",

            // Each request's start and end and each connection's, for a post-mortem of a request that went unanswered.
            "--Logging:LogLevel:Microsoft.AspNetCore.Hosting.Diagnostics=Information",
            "--Logging:LogLevel:Microsoft.AspNetCore.Server.Kestrel.Connections=Debug",
            .. settings])
        {
            start.ArgumentList.Add(argument);
        }

        foreach (string key in start.Environment.Keys.Where(k => k.StartsWith("VOXGATE__", StringComparison.OrdinalIgnoreCase)
            || k.StartsWith("OTEL_", StringComparison.OrdinalIgnoreCase) || k == "OPENAI_API_KEY").ToList())
        {
            start.Environment.Remove(key);
        }

        var instance = new VoxgateInstance(name, Process.Start(start)!, new Uri($"http://127.0.0.1:{port}"));
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(3) };
        for (DateTime deadline = DateTime.UtcNow.AddSeconds(90); DateTime.UtcNow < deadline && !instance.HasExited; await Task.Delay(250))
        {
            try
            {
                using HttpResponseMessage health = await http.GetAsync(new Uri(instance.Address, "/healthz"));
                if (health.IsSuccessStatusCode)
                {
                    return instance;
                }
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
            {
            }
        }

        string output = instance.Output;
        await instance.DisposeAsync();
        throw new InvalidOperationException($"voxgate serve ({name}) did not become ready: {output}");
    }

    /// <summary>SIGTERM, as systemd or a container runtime stops it: it drains.</summary>
    public void Terminate()
    {
        using Process kill = Process.Start(new ProcessStartInfo("kill", ["-TERM", Pid.ToString(System.Globalization.CultureInfo.InvariantCulture)]) { UseShellExecute = false })!;
        kill.WaitForExit();
    }

    /// <summary>SIGKILL: no drain, no flushing, as a crash or a machine gone.</summary>
    public void Kill()
    {
        _process.Kill(entireProcessTree: true);

        // The overload with a timeout waits for the process alone; the one without also waits for its output pipes to
        // close, which hung a run for good when another process held them.
        if (!_process.WaitForExit(30_000))
        {
            throw new TimeoutException($"voxgate serve ({Name}) did not exit 30 s after SIGKILL.");
        }
    }

    public Task WaitForExitAsync(TimeSpan timeout) => _process.WaitForExitAsync().WaitAsync(timeout);

    public ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            Kill();
        }

        _process.Dispose();
        return ValueTask.CompletedTask;
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_output)
        {
            _output.AppendLine(line);
        }
    }
}
