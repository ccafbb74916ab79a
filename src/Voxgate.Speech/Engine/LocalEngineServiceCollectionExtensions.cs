using Microsoft.Extensions.AI;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Voxgate.Speech.Brain;

namespace Voxgate.Speech.Engine;

/// <summary>Registers the local engine: its options, its shared models, the brain and the <see cref="LocalRealtimeClient"/>.</summary>
public static class LocalEngineServiceCollectionExtensions
{
    /// <summary>
    /// Adds <see cref="LocalEngineOptions"/> (section <c>Engine</c>), <see cref="EngineLimits"/> (<c>Engine:Limits</c>),
    /// the <see cref="LocalSpeechEngine"/>, the brain (<c>Engine:Chat</c>) and <see cref="LocalRealtimeClient"/>,
    /// all validated at start-up. Models load on first use; call <see cref="LocalSpeechEngine.WarmUpAsync"/> to load them early.
    /// </summary>
    public static IServiceCollection AddLocalEngine(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<LocalEngineOptions>()
            .Bind(configuration.GetSection(LocalEngineOptions.SectionName))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddSingleton<IValidateOptions<LocalEngineOptions>, LocalEngineOptionsValidator>();
        services.AddOptions<EngineLimits>()
            .Bind(configuration.GetSection(LocalEngineOptions.SectionName + ":Limits"))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddSingleton(provider => new LocalSpeechEngine(provider.GetRequiredService<IOptions<LocalEngineOptions>>().Value));
        services.AddVoxgateBrain(configuration);
        services.AddSingleton(provider => new LocalRealtimeClient(
            provider.GetRequiredService<LocalSpeechEngine>(),
            provider.GetRequiredService<IChatClient>(),
            provider.GetRequiredService<IOptions<EngineLimits>>().Value,
            provider.GetService<ILoggerFactory>(),
            provider.GetService<TimeProvider>()));
        return services;
    }
}
