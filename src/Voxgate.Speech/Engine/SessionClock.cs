namespace Voxgate.Speech.Engine;

/// <summary>
/// A session's sense of "now": the later of the input audio received and the wall clock since the session
/// began, in milliseconds.
/// </summary>
/// <remarks>
/// A live caller streams audio in real time, so both agree. A test that feeds audio faster than real time moves
/// the clock with it, and a client that sends no audio still sees time pass. Replies are paced against this
/// clock, so barge-in and truncation behave the same at any feeding speed.
/// </remarks>
internal sealed class SessionClock
{
    private readonly TimeProvider _time;
    private readonly long _start;
    private readonly Lock _gate = new();
    private long _audioMs;
    private TaskCompletionSource? _waiter;
    private long _waiterTarget;

    public SessionClock(TimeProvider time)
    {
        _time = time;
        _start = time.GetTimestamp();
    }

    public long NowMs => Math.Max(Volatile.Read(ref _audioMs), WallMs);

    public long AudioMs => Volatile.Read(ref _audioMs);

    private long WallMs => (long)_time.GetElapsedTime(_start).TotalMilliseconds;

    /// <summary>Moves the audio clock to <paramref name="audioMs"/> of input received.</summary>
    public void AdvanceAudio(long audioMs)
    {
        TaskCompletionSource? release = null;
        lock (_gate)
        {
            _audioMs = Math.Max(_audioMs, audioMs);
            if (_waiter is not null && _audioMs >= _waiterTarget)
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
