using Microsoft.Extensions.AI;
using Microsoft.Extensions.Options;
using Voxgate.Realtime.Client;
using Voxgate.Speech.Engine;

namespace Voxgate.Server.Upstream;

/// <summary>Registers the <see cref="IRealtimeClient"/> every session talks to, wrapped in the Microsoft.Extensions.AI middleware.</summary>
internal static class UpstreamServiceCollectionExtensions
{
    private const int MaxToolRoundsPerCall = 10_000;

    /// <summary>The meter and activity source Microsoft.Extensions.AI's OpenTelemetry middleware reports the upstream under.</summary>
    public const string TelemetrySourceName = "Voxgate";

    public static IServiceCollection AddRealtimeUpstream(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<UpstreamOptions>()
            .Bind(configuration.GetSection(UpstreamOptions.SectionName))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddSingleton<IValidateOptions<UpstreamOptions>, UpstreamOptionsValidator>();
        services.AddSingleton(provider => UpstreamSettings.Describe(provider.GetRequiredService<IOptions<UpstreamOptions>>().Value, configuration));

        // The engine's services are registered (cheaply, lazily) whatever the kind, so its settings are still checked;
        // it is only built, warmed and required by /healthz when it is the upstream.
        services.AddLocalEngine(configuration);
        UpstreamKind kind = UpstreamSettings.ResolveKind(configuration.GetSection(UpstreamOptions.SectionName).Get<UpstreamOptions>() ?? new UpstreamOptions(), configuration);
        if (kind == UpstreamKind.Local)
        {
            services.AddHostedService<LocalEngineWarmup>();
        }

        services.AddSingleton<IRealtimeClient>(provider =>
        {
            ILoggerFactory loggers = provider.GetRequiredService<ILoggerFactory>();
            UpstreamOptions options = provider.GetRequiredService<IOptions<UpstreamOptions>>().Value;
            UpstreamInfo upstream = provider.GetRequiredService<UpstreamInfo>();
            IRealtimeClient inner = upstream.Kind == UpstreamKind.Local
                ? provider.GetRequiredService<LocalRealtimeClient>()
                : CreateRemote(upstream, options, UpstreamSettings.ResolveKey(options, configuration, upstream.Kind), loggers);
            RealtimeClientBuilder builder = inner.AsBuilder();
            if (options.Voice is { } voice)
            {
                builder.Use(next => new UpstreamDefaultsRealtimeClient(next, voice));
            }

            return builder
                // A call is one long stream: its tool calls must not run out after the middleware's default of 40.
                .UseFunctionInvocation(loggers, f => f.MaximumIterationsPerRequest = MaxToolRoundsPerCall)
                .UseOpenTelemetry(loggers, sourceName: TelemetrySourceName)
                .UseLogging(loggers)
                .Build(provider);
        });
        return services;
    }

    /// <summary>A remote GA upstream: OpenAI, Azure OpenAI (its key as an <c>api-key</c> header) or any compatible URL.</summary>
    private static WebSocketRealtimeClient CreateRemote(UpstreamInfo upstream, UpstreamOptions options, string? key, ILoggerFactory loggers) => new(upstream.Kind switch
    {
        UpstreamKind.Azure => new WebSocketRealtimeClientOptions
        {
            Endpoint = upstream.Endpoint!,
            Model = upstream.Model,
            Headers = new Dictionary<string, string> { ["api-key"] = key! },
            ProviderName = "azure.ai.openai",
            ConnectTimeout = options.ConnectTimeout,
            MaxMessageBytes = options.MaxEventBytes,
        },
        UpstreamKind.Custom => new WebSocketRealtimeClientOptions
        {
            Endpoint = upstream.Endpoint!, Model = upstream.Model, ApiKey = key, ProviderName = "custom", ConnectTimeout = options.ConnectTimeout, MaxMessageBytes = options.MaxEventBytes,
        },
        _ => new WebSocketRealtimeClientOptions { Model = upstream.Model, ApiKey = key, ConnectTimeout = options.ConnectTimeout, MaxMessageBytes = options.MaxEventBytes },
    }, loggers);
}
