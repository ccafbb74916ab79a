using Microsoft.Extensions.AI;

namespace Voxgate.Speech.Engine;

/// <summary>What one response is generated from: the history, tools and output settings at its start.</summary>
internal sealed record ResponseRequest(
    string ResponseId,
    IList<ChatMessage> Messages,
    ChatOptions ChatOptions,
    bool Audio,
    string Voice,
    SessionAudioFormat OutputFormat,
    long StartClockMs,
    double Speed = 1.0)
{
    /// <summary>On the session clock, where the response's audio starts playing: its pacing counts from here.</summary>
    /// <remarks>
    /// Moved once when a prepared response is adopted (<see cref="PreparedResponse.Adopt"/>), before its generator is let
    /// go on, so a reply prepared in the silence window is paced from when it is sent, not from when it was made.
    /// </remarks>
    public long StartClockMs { get; set; } = StartClockMs;
}
