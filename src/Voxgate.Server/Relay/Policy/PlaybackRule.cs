namespace Voxgate.Server.Relay.Policy;

/// <summary>How a transport's caller reports what they heard, and so where a barge-in cuts the agent's item.</summary>
internal enum PlaybackRule
{
    /// <summary>
    /// The player's own reports (the page's worklet); without one, the wall clock since the item's first frame. Either
    /// is clamped to the audio sent. Right for a player that plays what it gets at once.
    /// </summary>
    ReportedOrClock,

    /// <summary>
    /// Only what the carrier confirmed played (its echoed marks), plus <see cref="PlaybackTracker.ConfirmedAllowanceMs"/>
    /// for the audio playing while the confirmation travelled: <c>min(sent, confirmed + 50 ms)</c>, as the OpenAI Agents
    /// SDK's Twilio transport cuts. Never the wall clock: a carrier buffers, so the clock runs ahead of the caller's ear
    /// and a truncate past the audio the model made is refused.
    /// </summary>
    Confirmed,
}
