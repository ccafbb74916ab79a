using System.Diagnostics;
using System.Net.Sockets;

namespace Voxgate.Scale.Tests.TestSupport;

/// <summary>
/// Debian's nginx (scripts/setup.sh --scale installs it) in a temporary prefix on a free loopback port, running
/// deploy/nginx/voxgate.conf.template with its ports filled in, as the nginx image fills them in for the compose file.
/// </summary>
internal sealed class NginxServer : IAsyncDisposable
{
    private readonly Process _process;
    private readonly string _root;

    private NginxServer(Process process, string root, int port)
    {
        _process = process;
        _root = root;
        Address = new Uri($"http://127.0.0.1:{port}");
    }

    public Uri Address { get; }

    public string ErrorLog => Read("error.log");

    /// <summary>Every request nginx finished: when, which instance and which of its connections answered, and how long each took.</summary>
    public string AccessLog => Read("access.log");

    public static async Task<NginxServer> StartAsync(int port, params Uri[] instances)
    {
        string binary = File.Exists("/usr/sbin/nginx") ? "/usr/sbin/nginx"
            : throw new InvalidOperationException("nginx is not installed; run scripts/setup.sh --scale (Debian's nginx package).");
        string root = Directory.CreateTempSubdirectory("voxgate-nginx-").FullName;

        // Workers run as nobody when the master is root: they must write their temporary files here.
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(root, (UnixFileMode)0x1FF);
        }
        string template = await File.ReadAllTextAsync(Path.Combine(AppContext.BaseDirectory, "deploy", "voxgate.conf.template"));
        string site = template.Replace("${NGINX_PORT}", $"127.0.0.1:{port}", StringComparison.Ordinal);
        for (int i = 0; i < instances.Length; i++)
        {
            site = site.Replace($"${{VOXGATE_{i + 1}}}", $"{instances[i].Host}:{instances[i].Port}", StringComparison.Ordinal);
        }

        if (site.Contains("${", StringComparison.Ordinal))
        {
            throw new InvalidOperationException("deploy/nginx/voxgate.conf.template has a setting this test does not fill in.");
        }

        await File.WriteAllTextAsync(Path.Combine(root, "voxgate.conf"), site);
        await File.WriteAllTextAsync(Path.Combine(root, "nginx.conf"), $$"""
            worker_processes 1;
            pid {{root}}/nginx.pid;
            error_log {{root}}/error.log warn;
            events { worker_connections 1024; }
            http {
                log_format upstreams '$time_iso8601 c$connection/$connection_requests "$request" $status $request_time s, '
                    'upstream $upstream_addr $upstream_status $upstream_connect_time/$upstream_header_time/$upstream_response_time s';
                access_log {{root}}/access.log upstreams;
                client_body_temp_path {{root}}/body;
                proxy_temp_path {{root}}/proxy;
                fastcgi_temp_path {{root}}/fastcgi;
                uwsgi_temp_path {{root}}/uwsgi;
                scgi_temp_path {{root}}/scgi;
                include {{root}}/voxgate.conf;
            }
            """);

        var start = new ProcessStartInfo(binary) { UseShellExecute = false, RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (string argument in (string[])["-p", root, "-c", Path.Combine(root, "nginx.conf"), "-g", "daemon off;"])
        {
            start.ArgumentList.Add(argument);
        }

        Process process = Process.Start(start)!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var nginx = new NginxServer(process, root, port);
        for (DateTime deadline = DateTime.UtcNow.AddSeconds(20); ; await Task.Delay(100))
        {
            try
            {
                using var probe = new TcpClient();
                await probe.ConnectAsync("127.0.0.1", port);
                return nginx;
            }
            catch (SocketException) when (DateTime.UtcNow < deadline && !process.HasExited)
            {
            }
            catch (SocketException)
            {
                string log = nginx.ErrorLog;
                await nginx.DisposeAsync();
                throw new InvalidOperationException("nginx did not start: " + log);
            }
        }
    }

    private string Read(string log)
    {
        string path = Path.Combine(_root, log);
        return File.Exists(path) ? File.ReadAllText(path) : string.Empty;
    }

    public ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit(30_000); // the process alone, not its output pipes (see VoxgateInstance.Kill)
        }

        _process.Dispose();
        try
        {
            Directory.Delete(_root, recursive: true);
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }

        return ValueTask.CompletedTask;
    }
}
