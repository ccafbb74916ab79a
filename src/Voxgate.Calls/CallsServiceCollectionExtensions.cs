using Microsoft.Extensions.AI;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Voxgate.Calls.Analytics;
using Voxgate.Calls.Appointments;
using Voxgate.Calls.Recording;
using Voxgate.Calls.Store;

namespace Voxgate.Calls;

/// <summary>Registers call records, recordings, the appointment book and its tools, and post-call scoring.</summary>
public static class CallsServiceCollectionExtensions
{
    /// <summary>The service key of the <see cref="IChatClient"/> the LLM scorer uses; without one, calls are scored offline.</summary>
    public const string ScorerChatClientKey = "Voxgate.Calls.Scorer";

    /// <summary>
    /// Adds the sections <c>Store</c>, <c>Recording</c>, <c>Clinic</c> and <c>Analytics</c> (validated at start), the
    /// <see cref="CallRecorder"/> with its writer, the <see cref="AppointmentBook"/> and <see cref="AppointmentTools"/>,
    /// and the analysis worker with the offline scorer — or the LLM scorer when a keyed <see cref="IChatClient"/>
    /// (<see cref="ScorerChatClientKey"/>) is registered.
    /// </summary>
    public static IServiceCollection AddVoxgateCalls(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<StoreOptions>().Bind(configuration.GetSection(StoreOptions.SectionName)).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<RecordingOptions>().Bind(configuration.GetSection(RecordingOptions.SectionName)).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<ClinicOptions>().Bind(configuration.GetSection(ClinicOptions.SectionName)).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<AnalyticsOptions>().Bind(configuration.GetSection(AnalyticsOptions.SectionName)).ValidateDataAnnotations()
            .Validate(o => File.Exists(o.FullLexiconPath), "Analytics:LexiconPath: VADER's lexicon is missing; scripts/setup.sh fetches it into models/vader/.")
            .ValidateOnStart();

        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<CallDatabase>();
        services.TryAddSingleton<CallStore>();
        services.TryAddSingleton<CallRecorder>();
        services.TryAddSingleton<CallWriter>();
        services.AddHostedService(provider => provider.GetRequiredService<CallWriter>());
        services.TryAddSingleton<InstanceRegistry>();
        services.TryAddSingleton<InstanceHeartbeat>();
        services.AddHostedService(provider => provider.GetRequiredService<InstanceHeartbeat>());
        services.TryAddSingleton<AppointmentBook>();
        services.TryAddSingleton<AppointmentTools>();

        services.TryAddSingleton<AnalysisSignal>();
        services.TryAddSingleton<AnalysisJobs>();
        services.TryAddSingleton(provider => VaderLexicon.Load(provider.GetRequiredService<IOptions<AnalyticsOptions>>().Value.FullLexiconPath));
        services.TryAddSingleton<VaderAnalyzer>();
        services.TryAddSingleton<OfflineCallScorer>();
        services.TryAddSingleton<ICallScorer>(provider =>
        {
            OfflineCallScorer offline = provider.GetRequiredService<OfflineCallScorer>();
            return provider.GetKeyedService<IChatClient>(ScorerChatClientKey) is { } chat
                ? new LlmCallScorer(chat, offline, provider.GetRequiredService<ILogger<LlmCallScorer>>())
                : offline;
        });
        services.AddHostedService<AnalysisWorker>();
        services.AddHostedService<RecordingRetention>();
        return services;
    }
}
