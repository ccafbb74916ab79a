using Microsoft.AspNetCore.Diagnostics.HealthChecks;

namespace Voxgate.Server.Health;

/// <summary><c>/healthz</c> (ready: models, store, upstream, not stopping) and <c>/livez</c> (the process answers).</summary>
internal static class HealthEndpoints
{
    private const string Ready = "ready";

    public static IServiceCollection AddVoxgateHealth(this IServiceCollection services)
    {
        // The upstream's probe keeps its answer between requests.
        services.AddSingleton<UpstreamHealthCheck>();
        services.AddHealthChecks()
            .AddCheck<LocalEngineHealthCheck>("engine", tags: [Ready])
            .AddCheck<StoreHealthCheck>("store", tags: [Ready])
            .AddCheck<UpstreamHealthCheck>("upstream", tags: [Ready])
            .AddCheck<DrainHealthCheck>("drain", tags: [Ready]);
        return services;
    }

    public static IEndpointRouteBuilder MapVoxgateHealth(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapHealthChecks("/healthz", new HealthCheckOptions
        {
            Predicate = check => check.Tags.Contains(Ready),
            ResponseWriter = HealthResponseWriter.WriteAsync,
        });

        // Liveness asks nothing of anyone: a restart cannot fix a store or an upstream.
        endpoints.MapHealthChecks("/livez", new HealthCheckOptions
        {
            Predicate = _ => false,
            ResponseWriter = HealthResponseWriter.WriteAsync,
        });
        return endpoints;
    }
}
