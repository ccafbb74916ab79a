using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using Voxgate.Speech;

namespace Voxgate.Server.Health;

/// <summary>Ready when every model file and native library the local engine needs is present.</summary>
internal sealed class LocalEngineHealthCheck(IOptions<LocalEngineOptions> options) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        IReadOnlyList<string> missing = options.Value.FindMissingParts();
        return Task.FromResult(missing.Count == 0
            ? HealthCheckResult.Healthy("local engine ready")
            : HealthCheckResult.Unhealthy("missing: " + string.Join("; ", missing)));
    }
}
