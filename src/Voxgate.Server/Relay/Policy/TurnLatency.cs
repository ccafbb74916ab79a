namespace Voxgate.Server.Relay.Policy;

/// <summary>
/// End of the caller's turn (speech stopped, or a typed message) → the reply's first audio sent: the latency the relay
/// reports per reply, with the silence window left out.
/// </summary>
internal sealed class TurnLatency(TimeProvider time, int bytesPerMs)
{
    private long? _turnEndedAt;
    private long? _answeringTurnEndedAt;
    private long? _latencyMs;
    private long _audioBytes;

    public void OnTurnEnded() => _turnEndedAt = time.GetTimestamp();

    /// <summary>The reply created now answers the turn that ended last.</summary>
    public void OnResponseCreated()
    {
        _answeringTurnEndedAt = _turnEndedAt;
        _turnEndedAt = null;
        _latencyMs = null;
        _audioBytes = 0;
    }

    public void OnAudio(int bytes)
    {
        if (_audioBytes == 0 && _answeringTurnEndedAt is long ended)
        {
            _latencyMs = (long)time.GetElapsedTime(ended).TotalMilliseconds;
        }

        _audioBytes += bytes;
    }

    /// <summary>The reply's latency (null when it had no audio or answered no turn) and its audio in milliseconds.</summary>
    public (long? LatencyMs, long AudioMs) OnResponseDone() => (_latencyMs, _audioBytes / bytesPerMs);
}
