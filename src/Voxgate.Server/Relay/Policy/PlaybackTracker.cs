namespace Voxgate.Server.Relay.Policy;

/// <summary>
/// What the caller has heard of the agent's current item: audio sent, playback reported, and the clock since its first
/// frame — so a barge-in truncates at what was really played, by the transport's <see cref="PlaybackRule"/>.
/// </summary>
internal sealed class PlaybackTracker(TimeProvider time, int bytesPerMs, PlaybackRule rule = PlaybackRule.ReportedOrClock)
{
    /// <summary>
    /// Audio taken as heard beyond the last confirmation under <see cref="PlaybackRule.Confirmed"/>: about what plays
    /// while a mark travels back, and under one 40 ms chunk, so a cut never keeps much the caller did not hear.
    /// </summary>
    public const long ConfirmedAllowanceMs = 50;

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

    /// <summary>Milliseconds heard, by the rule; never more than was sent.</summary>
    public long PlayedMs()
    {
        long heard = rule == PlaybackRule.Confirmed
            ? (_reportedMs ?? 0) + ConfirmedAllowanceMs
            : _reportedMs ?? (long)time.GetElapsedTime(_firstFrameAt).TotalMilliseconds;
        return Math.Clamp(heard, 0, SentMs);
    }

    /// <summary>
    /// Whether the current item still has audio the caller has not heard. Under <see cref="PlaybackRule.Confirmed"/>
    /// only a confirmation of everything sent (the final mark) ends it, not the allowance.
    /// </summary>
    public bool IsPlaying => ItemId is not null && (rule == PlaybackRule.Confirmed ? (_reportedMs ?? 0) < SentMs : PlayedMs() < SentMs);

    /// <summary>Forgets the item (after it was truncated).</summary>
    public void Reset()
    {
        ItemId = null;
        SentBytes = 0;
        _reportedMs = null;
    }
}
