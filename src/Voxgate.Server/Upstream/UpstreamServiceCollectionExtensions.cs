using Microsoft.Extensions.AI;
using Voxgate.Speech.Engine;

namespace Voxgate.Server.Upstream;

/// <summary>Registers the <see cref="IRealtimeClient"/> every session talks to, wrapped in the Microsoft.Extensions.AI middleware.</summary>
internal static class UpstreamServiceCollectionExtensions
{
    public static IServiceCollection AddRealtimeUpstream(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddLocalEngine(configuration);
        services.AddHostedService<LocalEngineWarmup>();
        services.AddSingleton(new UpstreamDescriptor("local"));
        services.AddSingleton<IRealtimeClient>(provider =>
        {
            ILoggerFactory loggers = provider.GetRequiredService<ILoggerFactory>();
            return provider.GetRequiredService<LocalRealtimeClient>()
                .AsBuilder()
                .UseFunctionInvocation(loggers)
                .UseOpenTelemetry(loggers, sourceName: "Voxgate")
                .UseLogging(loggers)
                .Build(provider);
        });
        return services;
    }
}
