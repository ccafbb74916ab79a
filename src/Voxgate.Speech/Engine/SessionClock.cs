namespace Voxgate.Speech.Engine;

/// <summary>
/// A session's sense of "now", in milliseconds: the wall clock since the session began, pushed forward whenever
/// the input audio received runs ahead of it.
/// </summary>
/// <remarks>
/// A live caller streams audio in real time, so the two agree. Audio fed faster than real time (a test, a file)
/// moves the clock with it, and when the audio stops the clock goes on at wall speed from there — it never
/// waits for the wall clock to catch up. Replies are paced against this clock, so barge-in and truncation
/// behave the same at any feeding speed.
/// </remarks>
internal sealed class SessionClock
{
    private readonly TimeProvider _time;
    private readonly long _start;
    private readonly Lock _gate = new();
    private long _audioMs;
    private long _aheadMs;
    private TaskCompletionSource? _waiter;
    private long _waiterTarget;

    public SessionClock(TimeProvider time)
    {
        _time = time;
        _start = time.GetTimestamp();
    }

    public long NowMs => WallMs + Volatile.Read(ref _aheadMs);

    public long AudioMs => Volatile.Read(ref _audioMs);

    private long WallMs => (long)_time.GetElapsedTime(_start).TotalMilliseconds;

    /// <summary>Moves the audio clock to <paramref name="audioMs"/> of input received.</summary>
    public void AdvanceAudio(long audioMs)
    {
        TaskCompletionSource? release = null;
        lock (_gate)
        {
            _audioMs = Math.Max(_audioMs, audioMs);
            Volatile.Write(ref _aheadMs, Math.Max(_aheadMs, _audioMs - WallMs));
            if (_waiter is not null && NowMs >= _waiterTarget)
            {
                release = _waiter;
                _waiter = null;
            }
        }

        release?.TrySetResult();
    }

    /// <summary>Completes when the clock reaches <paramref name="targetMs"/>.</summary>
    public async ValueTask WaitUntilAsync(long targetMs, CancellationToken cancellationToken)
    {
        while (true)
        {
            long now = NowMs;
            if (now >= targetMs)
            {
                return;
            }

            TaskCompletionSource waiter;
            lock (_gate)
            {
                _waiter = waiter = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                _waiterTarget = targetMs;
            }

            using var timeout = new CancellationTokenSource(TimeSpan.FromMilliseconds(targetMs - now), _time);
            using var linked = CancellationTokenSource.CreateLinkedTokenSource(timeout.Token, cancellationToken);
            await waiter.Task.WaitAsync(linked.Token).ContinueWith(static _ => { }, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default).ConfigureAwait(false);
            cancellationToken.ThrowIfCancellationRequested();
        }
    }
}
