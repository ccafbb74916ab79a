using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using Voxgate.Server.Upstream;
using Voxgate.Speech;

namespace Voxgate.Server.Health;

/// <summary>Ready when every model file and native library the local engine needs is present (when it is the upstream).</summary>
internal sealed class LocalEngineHealthCheck(IOptions<LocalEngineOptions> options, UpstreamInfo upstream) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        if (upstream.Kind != UpstreamKind.Local)
        {
            return Task.FromResult(HealthCheckResult.Healthy($"upstream is {upstream.Name}; the local engine is not used"));
        }

        IReadOnlyList<string> missing = options.Value.FindMissingParts();
        return Task.FromResult(missing.Count == 0
            ? HealthCheckResult.Healthy("local engine ready")
            : HealthCheckResult.Unhealthy("missing: " + string.Join("; ", missing)));
    }
}
