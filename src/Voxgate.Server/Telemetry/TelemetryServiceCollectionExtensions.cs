using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection.Extensions;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;
using Voxgate.Realtime.Server;
using Voxgate.Server.Calls;
using Voxgate.Server.Upstream;

namespace Voxgate.Server.Telemetry;

/// <summary>
/// Metrics and traces through the OpenTelemetry SDK: Prometheus at <c>/metrics</c> (guarded like the calls API), and OTLP
/// when <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> is set. Subscribes to the relay's meter and source, <c>/v1/realtime</c>'s, the
/// upstream middleware's (Microsoft.Extensions.AI's realtime telemetry), ASP.NET Core's, the runtime's and the process's.
/// </summary>
internal static class TelemetryServiceCollectionExtensions
{
    /// <summary>The setting (an environment variable by OpenTelemetry's convention) that turns OTLP export on.</summary>
    public const string OtlpEndpointSetting = "OTEL_EXPORTER_OTLP_ENDPOINT";

    public const string MetricsPath = "/metrics";

    public static IServiceCollection AddVoxgateTelemetry(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton<RelayMetrics>();
        services.AddSingleton<StoreMetrics>();

        // /v1/realtime names its upstream on its measurements as the relay does.
        services.RemoveAll<RealtimeApiTelemetry>();
        services.AddSingleton(provider => new RealtimeApiTelemetry(provider.GetRequiredService<IMeterFactory>())
        {
            UpstreamName = provider.GetRequiredService<UpstreamInfo>().Name,
        });

        bool otlp = !string.IsNullOrWhiteSpace(configuration[OtlpEndpointSetting]);
        string instance = configuration["Store:InstanceId"] is { Length: > 0 } id ? id : Environment.MachineName;
        OpenTelemetryBuilder telemetry = services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService("voxgate", serviceInstanceId: instance, autoGenerateServiceInstanceId: false))
            .WithMetrics(metrics =>
            {
                metrics
                    .AddMeter(RelayMetrics.MeterName, RealtimeApiTelemetry.Name, UpstreamServiceCollectionExtensions.TelemetrySourceName)
                    .AddAspNetCoreInstrumentation()
                    .AddRuntimeInstrumentation()
                    .AddProcessInstrumentation()

                    // A scrape sees what happened up to it: no cached answer (a scrape is cheap at this size).
                    .AddPrometheusExporter(o => o.ScrapeResponseCacheDurationMilliseconds = 0);
                if (otlp)
                {
                    metrics.AddOtlpExporter();
                }

                // Meters made by another host's factory (test hosts share a process) are that host's to report.
                (metrics as IDeferredMeterProviderBuilder)?.Configure((provider, builder) =>
                {
                    IMeterFactory own = provider.GetRequiredService<IMeterFactory>();
                    builder.AddView(instrument => instrument.Meter.Scope is IMeterFactory factory && !ReferenceEquals(factory, own) ? MetricStreamConfiguration.Drop : null);
                });
            });

        // Spans cost something only when someone listens, so tracing is on only when there is somewhere to send it.
        if (otlp)
        {
            telemetry.WithTracing(tracing => tracing
                .AddSource(RelayMetrics.MeterName, RealtimeApiTelemetry.Name, UpstreamServiceCollectionExtensions.TelemetrySourceName)
                .AddAspNetCoreInstrumentation(o => o.Filter = http => !IsProbe(http.Request.Path))
                .AddOtlpExporter());
        }

        return services;
    }

    /// <summary>Maps <c>/metrics</c> behind the calls API's guard (admin tokens, or this machine without them).</summary>
    public static IEndpointRouteBuilder MapVoxgateTelemetry(this IEndpointRouteBuilder endpoints)
    {
        DashboardAccess access = endpoints.ServiceProvider.GetRequiredService<DashboardAccess>();

        // Observable instruments exist once their owner does.
        endpoints.ServiceProvider.GetRequiredService<StoreMetrics>();
        endpoints.MapPrometheusScrapingEndpoint(MetricsPath, meterProvider: null, configureBranchedPipeline: branch => branch.Use(access.GuardAsync), optionsName: null);
        return endpoints;
    }

    private static bool IsProbe(PathString path) => path.StartsWithSegments(MetricsPath) || path.StartsWithSegments("/healthz") || path.StartsWithSegments("/livez");
}
