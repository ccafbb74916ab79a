using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Voxgate.Calls.Store;

namespace Voxgate.Calls.Recording;

/// <summary>Deletes recordings older than <see cref="RecordingOptions.RetentionDays"/>, at start and then hourly; the call records stay.</summary>
public sealed class RecordingRetention(CallStore store, IOptions<RecordingOptions> options, TimeProvider time, ILogger<RecordingRetention> logger) : BackgroundService
{
    private static readonly TimeSpan Every = TimeSpan.FromHours(1);

    /// <summary>Deletes the expired recordings now; returns how many.</summary>
    public async Task<int> SweepAsync(CancellationToken cancellationToken)
    {
        RecordingOptions settings = options.Value;
        if (settings.RetentionDays == 0)
        {
            return 0;
        }

        var expired = await store.RecordingsBeforeAsync(time.GetUtcNow().AddDays(-settings.RetentionDays), cancellationToken).ConfigureAwait(false);
        foreach ((string id, string file) in expired)
        {
            File.Delete(settings.PathOf(file));
            await store.SetRecordingAsync(id, null, null, cancellationToken).ConfigureAwait(false);
        }

        if (expired.Count > 0)
        {
            Log.RecordingsExpired(logger, expired.Count, settings.RetentionDays);
        }

        return expired.Count;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Every, time);
        do
        {
            try
            {
                await SweepAsync(stoppingToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                Log.RetentionFailed(logger, ex);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false));
    }
}
