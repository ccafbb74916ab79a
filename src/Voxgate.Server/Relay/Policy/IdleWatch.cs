namespace Voxgate.Server.Relay.Policy;

/// <summary>
/// Ends a call the caller has gone quiet on: nothing heard for the timeout calls <c>expired</c>, once. Input only stamps
/// a time (fifty frames a second must not rearm a timer each); the one timer fires once per timeout and sets itself
/// again for what is left when the caller was heard since.
/// </summary>
internal sealed class IdleWatch : IDisposable
{
    private readonly TimeProvider _time;
    private readonly TimeSpan _timeout;
    private readonly Action _expired;
    private readonly ITimer _timer;
    private long _heardAt;
    private int _done;

    public IdleWatch(TimeProvider time, TimeSpan timeout, Action expired)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(timeout, TimeSpan.Zero);
        _time = time;
        _timeout = timeout;
        _expired = expired;
        _heardAt = time.GetTimestamp();

        // Created idle and started after the field is set, so the first tick always has a timer to rearm.
        _timer = time.CreateTimer(static state => ((IdleWatch)state!).Check(), this, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
        _timer.Change(timeout, Timeout.InfiniteTimeSpan);
    }

    /// <summary>The caller was heard now.</summary>
    public void Heard() => Volatile.Write(ref _heardAt, _time.GetTimestamp());

    public void Dispose()
    {
        Volatile.Write(ref _done, 1);
        _timer.Dispose();
    }

    private void Check()
    {
        if (Volatile.Read(ref _done) != 0)
        {
            return;
        }

        TimeSpan quiet = _time.GetElapsedTime(Volatile.Read(ref _heardAt));
        if (quiet < _timeout)
        {
            try
            {
                _timer.Change(_timeout - quiet, Timeout.InfiniteTimeSpan);
            }
            catch (ObjectDisposedException)
            {
                // The call ended while this tick ran: there is nothing left to watch (and a timer callback must not throw).
            }
        }
        else if (Interlocked.Exchange(ref _done, 1) == 0)
        {
            _expired();
        }
    }
}
