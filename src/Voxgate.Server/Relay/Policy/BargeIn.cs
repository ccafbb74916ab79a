namespace Voxgate.Server.Relay.Policy;

/// <summary>
/// Barge-in and truncation: which agent item is playing and how far, which reply is being generated, and which items
/// were cut off (their late audio is dropped). Decides where an interruption cuts; the relay does the sending.
/// </summary>
internal sealed class BargeIn(TimeProvider time, int bytesPerMs, PlaybackRule rule = PlaybackRule.ReportedOrClock)
{
    private readonly PlaybackTracker _playback = new(time, bytesPerMs, rule);
    private readonly HashSet<string> _interrupted = new(StringComparer.Ordinal);

    /// <summary>The reply being generated, if any.</summary>
    public string? ActiveResponseId { get; private set; }

    public void OnResponseCreated(string? responseId) => ActiveResponseId = responseId ?? string.Empty;

    public void OnResponseDone() => ActiveResponseId = null;

    /// <summary>Whether <paramref name="itemId"/> was cut off, so its audio must not reach the caller.</summary>
    public bool IsCutOff(string itemId) => _interrupted.Contains(itemId);

    /// <summary>Counts audio about to be sent; true when it is the item's first.</summary>
    public bool OnAudio(string itemId, int bytes) => _playback.OnAudio(itemId, bytes);

    public void OnPlayed(string? itemId, long playedMs) => _playback.OnReport(itemId, playedMs);

    /// <summary>Whether the caller has heard all the agent's audio sent so far (nothing is left playing).</summary>
    public bool AllPlayed => !_playback.IsPlaying;

    /// <summary>
    /// The cut an interruption makes now: the item and the milliseconds heard, when the caller has not heard all that
    /// was sent or the reply is still being generated (the upstream's item then holds audio that never reached them);
    /// null when there is nothing to cut.
    /// </summary>
    public (string ItemId, long PlayedMs)? Interrupt()
    {
        if (_playback.ItemId is not { } itemId || !(_playback.IsPlaying || ActiveResponseId is not null))
        {
            return null;
        }

        long played = _playback.PlayedMs();
        _interrupted.Add(itemId);
        _playback.Reset();
        return (itemId, played);
    }
}
