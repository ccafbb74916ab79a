using System.ClientModel;
using System.ClientModel.Primitives;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Options;
using OpenAI.Realtime;
using Voxgate.Realtime.Protocol;
using Voxgate.Speech.Engine;

namespace Voxgate.Server.Upstream;

/// <summary>Registers the <see cref="IRealtimeClient"/> every session talks to, wrapped in the Microsoft.Extensions.AI middleware.</summary>
internal static class UpstreamServiceCollectionExtensions
{
    public static IServiceCollection AddRealtimeUpstream(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<UpstreamOptions>()
            .Bind(configuration.GetSection(UpstreamOptions.SectionName))
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
        else
        {
            services.AddSingleton<IRawServerEventConverter, OpenAIRawServerEventConverter>();
        }

        services.AddSingleton<IRealtimeClient>(provider =>
        {
            ILoggerFactory loggers = provider.GetRequiredService<ILoggerFactory>();
            UpstreamOptions options = provider.GetRequiredService<IOptions<UpstreamOptions>>().Value;
            UpstreamInfo upstream = provider.GetRequiredService<UpstreamInfo>();
            IRealtimeClient inner = upstream.Kind == UpstreamKind.Local
                ? provider.GetRequiredService<LocalRealtimeClient>()
                : CreateRemote(upstream, UpstreamSettings.ResolveKey(options, configuration, upstream.Kind)!, options.Endpoint);
            RealtimeClientBuilder builder = inner.AsBuilder();
            if (options.Voice is { } voice)
            {
                builder.Use(next => new UpstreamDefaultsRealtimeClient(next, voice));
            }

            return builder
                .UseFunctionInvocation(loggers)
                .UseOpenTelemetry(loggers, sourceName: "Voxgate")
                .UseLogging(loggers)
                .Build(provider);
        });
        return services;
    }

    /// <summary>A remote GA upstream through Microsoft.Extensions.AI's <see cref="OpenAIRealtimeClient"/> over the OpenAI SDK.</summary>
    private static OpenAIRealtimeClient CreateRemote(UpstreamInfo upstream, string key, string? endpoint)
    {
        var credential = new ApiKeyCredential(key);
        RealtimeClient client = upstream.Kind switch
        {
            // Azure wants the key as an api-key header, on the REST pipeline and on the WebSocket alike.
            UpstreamKind.Azure => new HeaderRealtimeClient(
                ApiKeyAuthenticationPolicy.CreateHeaderApiKeyPolicy(credential, "api-key"),
                new RealtimeClientOptions { Endpoint = upstream.Endpoint },
                new Dictionary<string, string> { ["api-key"] = key }),
            UpstreamKind.Custom => new RealtimeClient(credential, new RealtimeClientOptions { Endpoint = new Uri(endpoint!) }),
            _ => new RealtimeClient(credential),
        };
        return new OpenAIRealtimeClient(client, upstream.Model);
    }
}
