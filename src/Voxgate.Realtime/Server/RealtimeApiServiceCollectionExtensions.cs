using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Voxgate.Realtime.Server;

/// <summary>Registers the realtime endpoint's options.</summary>
public static class RealtimeApiServiceCollectionExtensions
{
    /// <summary>Adds <see cref="RealtimeApiOptions"/> from the <c>Realtime</c> section, validated at start-up, and the endpoint's <see cref="RealtimeApiTelemetry"/>.</summary>
    public static IServiceCollection AddRealtimeApi(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<RealtimeApiOptions>()
            .Bind(configuration.GetSection(RealtimeApiOptions.SectionName))
            .ValidateDataAnnotations()
            .Validate(o => o.ApiKeys.All(k => !string.IsNullOrWhiteSpace(k)), "Realtime:ApiKeys must not contain empty keys.")
            .Validate(o => o.ClientSecretSigningKey is null || o.ClientSecretSigningKey.Length >= 16, "Realtime:ClientSecretSigningKey must be at least 16 characters.")
            .ValidateOnStart();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<RealtimeClientSecrets>();

        // Its meter comes from the host's factory, so two hosts in one process keep their own counts.
        services.AddMetrics();
        services.TryAddSingleton<RealtimeApiTelemetry>();
        return services;
    }
}
