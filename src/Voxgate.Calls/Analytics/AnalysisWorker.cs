using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Voxgate.Calls.Records;
using Voxgate.Calls.Store;

namespace Voxgate.Calls.Analytics;

/// <summary>Scores ended calls in the background, one at a time: claims a job, scores it, stores the verdict or the failure.</summary>
public sealed class AnalysisWorker(
    AnalysisJobs queue, CallStore store, ICallScorer scorer, AnalysisSignal signal, IOptions<AnalyticsOptions> options, ILogger<AnalysisWorker> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        AnalyticsOptions settings = options.Value;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                while (await queue.ClaimAsync(stoppingToken).ConfigureAwait(false) is { } job)
                {
                    await ScoreAsync(job.CallId, job.Attempt, settings, stoppingToken).ConfigureAwait(false);
                }

                await signal.WaitAsync(settings.PollInterval, stoppingToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                Log.AnalysisLoopFailed(logger, ex);
                await Task.Delay(settings.PollInterval, stoppingToken).ContinueWith(static _ => { }, TaskScheduler.Default).ConfigureAwait(false);
            }
        }
    }

    private async Task ScoreAsync(string callId, long attempt, AnalyticsOptions settings, CancellationToken cancellationToken)
    {
        try
        {
            CallDetail call = await store.GetCallAsync(callId, cancellationToken).ConfigureAwait(false)
                ?? throw new InvalidOperationException($"Call {callId} is gone.");
            CallScore score = await scorer.ScoreAsync(call, cancellationToken).ConfigureAwait(false);
            await queue.CompleteAsync(callId, score, cancellationToken).ConfigureAwait(false);
            Log.CallScored(logger, callId, score.Scorer, score.Sentiment, score.Intent, score.Outcome);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            Log.ScoringFailed(logger, callId, attempt, ex);
            bool last = attempt >= settings.MaxAttempts;
            TimeSpan retry = settings.RetryDelay * Math.Pow(2, Math.Max(0, attempt - 1));
            await queue.FailAsync(callId, ex.Message, last, retry, cancellationToken).ConfigureAwait(false);
        }
    }
}
