using Microsoft.Extensions.AI;
using Microsoft.Extensions.Options;
using Voxgate.Speech;
using Voxgate.Speech.Brain;
using Voxgate.Speech.Engine;

namespace Voxgate.Server.Upstream;

/// <summary>Loads the local engine's models in the background at start-up, so the first caller does not wait for them.</summary>
internal sealed partial class LocalEngineWarmup(IServiceProvider services, IOptions<LocalEngineOptions> options, ILogger<LocalEngineWarmup> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (options.Value.FindMissingParts().Count > 0)
        {
            // /healthz reports what is missing; loading would only fail.
            return;
        }

        long start = TimeProvider.System.GetTimestamp();
        try
        {
            var engine = services.GetRequiredService<LocalSpeechEngine>();
            await engine.WarmUpAsync(Math.Min(options.Value.RecognizersAtStart, options.Value.RecognizerPoolSize), stoppingToken).ConfigureAwait(false);

            // A whole turn too, when the brain is ours to ask: a chat endpoint is someone else's model (and bill).
            if (services.GetRequiredService<IChatClient>().GetService<ReceptionistChatClient>() is not null)
            {
                await services.GetRequiredService<LocalRealtimeClient>().WarmUpTurnAsync(stoppingToken).ConfigureAwait(false);
            }

            TimeSpan elapsed = TimeProvider.System.GetElapsedTime(start);
            LogWarm(logger, elapsed.TotalMilliseconds);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            LogFailed(logger, ex);
        }
    }

    [LoggerMessage(EventId = 10, Level = LogLevel.Information, Message = "Local engine loaded in {ElapsedMs:F0} ms")]
    private static partial void LogWarm(ILogger logger, double elapsedMs);

    [LoggerMessage(EventId = 11, Level = LogLevel.Error, Message = "Local engine failed to load")]
    private static partial void LogFailed(ILogger logger, Exception exception);
}
