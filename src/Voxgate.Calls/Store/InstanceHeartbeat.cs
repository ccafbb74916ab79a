using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Voxgate.Calls.Analytics;
using Voxgate.Calls.Recording;

namespace Voxgate.Calls.Store;

/// <summary>
/// Beats for this instance every <see cref="StoreOptions.HeartbeatInterval"/>, and closes as <c>interrupted</c> the open
/// calls of any other instance whose beat is older than <see cref="StoreOptions.InstanceTimeout"/> — an instance that was
/// killed, or whose machine went, has no next start to close its own calls. Each beat also reads what the metrics show
/// of the store, and is what <c>/healthz</c> asks about the store (so a probe costs no query).
/// </summary>
public sealed class InstanceHeartbeat(
    InstanceRegistry registry, CallStore store, AnalysisSignal analysis, IOptions<StoreOptions> options, IOptions<RecordingOptions> recording,
    TimeProvider time, ILogger<InstanceHeartbeat> logger) : BackgroundService
{
    private static readonly TimeSpan StopWait = TimeSpan.FromSeconds(2);
    private readonly StoreOptions _options = options.Value;

    // Leftovers are what an earlier run left: track files written before this process began recording. A call of this
    // run can end before the first sweep (the sweep waits for the first beat), and its tracks must be there for its
    // WAV. The files' clock is the real one, so this is too, whatever the TimeProvider says.
    private readonly DateTime _constructedUtc = DateTime.UtcNow;
    private long _lastBeatMs;
    private string? _lastError;
    private StoreStatus? _status;
    private readonly TaskCompletionSource _firstBeat = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>When this instance last beat (Unix ms; 0 before the first beat).</summary>
    public long LastBeatMs => Interlocked.Read(ref _lastBeatMs);

    /// <summary>Why the last beat failed, or null when it succeeded.</summary>
    public string? LastError => Volatile.Read(ref _lastError);

    /// <summary>What the store held at the last successful beat, or null before it.</summary>
    public StoreStatus? Status => Volatile.Read(ref _status);

    /// <summary>Completes when the first beat has been tried, well or not (a probe at start-up waits for it).</summary>
    public Task FirstBeat => _firstBeat.Task;

    /// <summary>Whether the store answered a beat recently enough (within three beats).</summary>
    public bool IsStoreReachable => LastError is null && LastBeatMs > 0
        && time.GetUtcNow().ToUnixTimeMilliseconds() - LastBeatMs <= 3 * (long)_options.HeartbeatInterval.TotalMilliseconds;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        long startedMs = time.GetUtcNow().ToUnixTimeMilliseconds();
        bool swept = false;
        using var timer = new PeriodicTimer(_options.HeartbeatInterval, time);
        do
        {
            try
            {
                await BeatAsync(startedMs, stoppingToken).ConfigureAwait(false);
                if (!swept)
                {
                    swept = true;
                    await DeleteLeftoverTracksAsync(stoppingToken).ConfigureAwait(false);
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                _firstBeat.TrySetResult();
                return;
            }
            catch (Exception ex)
            {
                // Logged once per outage, not once per beat.
                if (Interlocked.Exchange(ref _lastError, ex.Message) is null)
                {
                    Log.HeartbeatFailed(logger, ex);
                }
            }

            _firstBeat.TrySetResult();
        }
        while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false));
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken).ConfigureAwait(false);

        // Best effort: a stopped instance is told apart from a dead one, though both are safe to outlive.
        try
        {
            using var wait = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            wait.CancelAfter(StopWait);
            await registry.StoppedAsync(time.GetUtcNow().ToUnixTimeMilliseconds(), wait.Token).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            Log.HeartbeatFailed(logger, ex);
        }
    }

    private async Task BeatAsync(long startedMs, CancellationToken cancellationToken)
    {
        long now = time.GetUtcNow().ToUnixTimeMilliseconds();
        await registry.BeatAsync(startedMs, now, cancellationToken).ConfigureAwait(false);
        long deadBefore = now - (long)_options.InstanceTimeout.TotalMilliseconds;
        foreach (string dead in await registry.DeadWithOpenCallsAsync(deadBefore, cancellationToken).ConfigureAwait(false))
        {
            IReadOnlyList<string> closed = await store.CloseInterruptedCallsAsync(dead, cancellationToken).ConfigureAwait(false);
            if (closed.Count > 0)
            {
                Log.DeadInstanceCallsClosed(logger, closed.Count, dead);
                analysis.Wake();
            }
        }

        Volatile.Write(ref _status, await registry.ReadStatusAsync(deadBefore, now, cancellationToken).ConfigureAwait(false));
        Interlocked.Exchange(ref _lastBeatMs, now);
        if (Interlocked.Exchange(ref _lastError, null) is not null)
        {
            Log.HeartbeatRestored(logger);
        }
    }

    /// <summary>
    /// Raw tracks of calls that are no longer open: those another instance closed while this one was down (its own
    /// start-up closes only what is still open). A live call's tracks are never touched, whoever's it is.
    /// </summary>
    private async Task DeleteLeftoverTracksAsync(CancellationToken cancellationToken)
    {
        string folder = recording.Value.FullFolder;
        if (!Directory.Exists(folder))
        {
            return;
        }

        const string Suffix = ".caller.pcm";
        string[] ids = [.. Directory.EnumerateFiles(folder, "*" + Suffix)
            .Where(f => File.GetLastWriteTimeUtc(f) < _constructedUtc)
            .Select(f => Path.GetFileName(f)[..^Suffix.Length])];
        foreach (string id in await store.NotOpenAsync(ids, cancellationToken).ConfigureAwait(false))
        {
            CallAudioTracks.DeleteLeftovers(folder, id);
        }
    }
}
