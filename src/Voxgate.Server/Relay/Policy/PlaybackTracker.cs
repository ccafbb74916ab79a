namespace Voxgate.Server.Relay.Policy;

/// <summary>
/// What the caller has heard of the agent's current item: audio sent, playback reported, and the clock since its first
/// frame — so a barge-in truncates at what was really played.
/// </summary>
internal sealed class PlaybackTracker(TimeProvider time, int bytesPerMs)
{
    private long _firstFrameAt;
    private long? _reportedMs;

    /// <summary>The assistant item whose audio is being sent, if any.</summary>
    public string? ItemId { get; private set; }

    public long SentBytes { get; private set; }

    public long SentMs => SentBytes / bytesPerMs;

    /// <summary>Counts audio sent for <paramref name="itemId"/>; true when it is the first frame of a new item.</summary>
    public bool OnAudio(string itemId, int bytes)
    {
        bool started = ItemId != itemId;
        if (started)
        {
            ItemId = itemId;
            SentBytes = 0;
            _reportedMs = null;
            _firstFrameAt = time.GetTimestamp();
        }

        SentBytes += bytes;
        return started;
    }

    /// <summary>Takes a playback report; reports for other items are ignored.</summary>
    public void OnReport(string? itemId, long playedMs)
    {
        if (itemId is not null && itemId == ItemId && playedMs >= 0)
        {
            _reportedMs = Math.Max(_reportedMs ?? 0, playedMs);
        }
    }

    /// <summary>Milliseconds heard: the caller's report, else the time since the first frame; never more than was sent.</summary>
    public long PlayedMs()
    {
        long heard = _reportedMs ?? (long)time.GetElapsedTime(_firstFrameAt).TotalMilliseconds;
        return Math.Clamp(heard, 0, SentMs);
    }

    /// <summary>Whether the current item still has audio the caller has not heard.</summary>
    public bool IsPlaying => ItemId is not null && PlayedMs() < SentMs;

    /// <summary>Forgets the item (after it was truncated).</summary>
    public void Reset()
    {
        ItemId = null;
        SentBytes = 0;
        _reportedMs = null;
    }
}
