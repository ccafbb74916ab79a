using System.Net.Sockets;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Voxgate.Realtime.Client;
using Voxgate.Server.Upstream;

namespace Voxgate.Server.Health;

/// <summary>
/// Whether a remote upstream answers a TCP connection, cached (30 s when it does, 5 s when not) so probes cost nothing.
/// Unreachable is <c>degraded</c>, not unhealthy: every instance shares the upstream, and taking them all out of the
/// balancer would turn a model's outage into refused connections instead of calls that tell the caller what is wrong.
/// </summary>
internal sealed class UpstreamHealthCheck(UpstreamInfo upstream, TimeProvider time) : IHealthCheck
{
    private static readonly TimeSpan ConnectTimeout = TimeSpan.FromSeconds(2);
    private static readonly TimeSpan KeepReachable = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan KeepUnreachable = TimeSpan.FromSeconds(5);

    private readonly Lock _gate = new();
    private Task<HealthCheckResult>? _probe;
    private DateTimeOffset _probedAt;

    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        if (upstream.Kind == UpstreamKind.Local)
        {
            return Task.FromResult(HealthCheckResult.Healthy("the local engine runs in this process"));
        }

        lock (_gate)
        {
            // One probe at a time, shared by every request that asks while it runs or while its answer is fresh.
            DateTimeOffset now = time.GetUtcNow();
            bool fresh = _probe is { IsCompleted: false }
                || (_probe is { IsCompletedSuccessfully: true } done && now - _probedAt < (done.Result.Status == HealthStatus.Healthy ? KeepReachable : KeepUnreachable));
            if (!fresh)
            {
                _probedAt = now;
                _probe = ProbeAsync();
            }

            return _probe!.WaitAsync(cancellationToken);
        }
    }

    private async Task<HealthCheckResult> ProbeAsync()
    {
        Uri endpoint = upstream.Endpoint ?? WebSocketRealtimeClientOptions.OpenAIEndpoint;
        int port = endpoint.IsDefaultPort ? endpoint.Scheme is "https" or "wss" ? 443 : 80 : endpoint.Port;
        using var timeout = new CancellationTokenSource(ConnectTimeout);
        using var socket = new Socket(SocketType.Stream, ProtocolType.Tcp);
        try
        {
            await socket.ConnectAsync(endpoint.Host, port, timeout.Token).ConfigureAwait(false);
            return HealthCheckResult.Healthy($"{endpoint.Host}:{port} accepts connections");
        }
        catch (Exception ex) when (ex is SocketException or OperationCanceledException)
        {
            string why = ex is OperationCanceledException ? $"no answer within {ConnectTimeout.TotalSeconds:0} s" : ex.Message;
            return HealthCheckResult.Degraded($"the upstream {endpoint.Host}:{port} is unreachable: {why}");
        }
    }
}
