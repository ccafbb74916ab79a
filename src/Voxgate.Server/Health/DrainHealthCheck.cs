using Microsoft.Extensions.Diagnostics.HealthChecks;
using Voxgate.Server.Gateway;

namespace Voxgate.Server.Health;

/// <summary>Not ready once the server is stopping: a balancer that probes sends no more calls while open ones finish.</summary>
internal sealed class DrainHealthCheck(CallDrain drain) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
        => Task.FromResult(drain.IsDraining ? HealthCheckResult.Unhealthy("stopping: calls in progress are finishing") : HealthCheckResult.Healthy("taking calls"));
}
