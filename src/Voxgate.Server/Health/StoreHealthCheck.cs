using Microsoft.Extensions.Diagnostics.HealthChecks;
using Voxgate.Calls.Store;

namespace Voxgate.Server.Health;

/// <summary>Ready when the store took this instance's last heartbeat: a probe reads the beat's outcome and runs no query.</summary>
internal sealed class StoreHealthCheck(InstanceHeartbeat heartbeat) : IHealthCheck
{
    private static readonly TimeSpan FirstBeatWait = TimeSpan.FromSeconds(5);

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        // Just after start-up the first beat may still be on its way.
        try
        {
            await heartbeat.FirstBeat.WaitAsync(FirstBeatWait, cancellationToken).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
        }

        return heartbeat.IsStoreReachable
            ? HealthCheckResult.Healthy($"heartbeat written {DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() - heartbeat.LastBeatMs} ms ago")
            : HealthCheckResult.Unhealthy(heartbeat.LastError is { } error ? "the store is unreachable: " + error : "no heartbeat written recently");
    }
}
