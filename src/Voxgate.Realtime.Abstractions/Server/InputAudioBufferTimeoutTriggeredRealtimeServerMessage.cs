using Microsoft.Extensions.AI;

namespace Voxgate.Realtime.Abstractions;

/// <summary>
/// The caller said nothing for <see cref="TurnDetectionOptions.IdleTimeoutMs"/> after the agent's last reply ended: the
/// silence becomes a user item and a response follows, so the agent can prompt the caller.
/// </summary>
public sealed class InputAudioBufferTimeoutTriggeredRealtimeServerMessage : RealtimeServerMessage
{
    public InputAudioBufferTimeoutTriggeredRealtimeServerMessage(string itemId, long audioStartMs, long audioEndMs)
    {
        Type = RealtimeMessageTypes.InputAudioBufferTimeoutTriggered;
        ItemId = itemId ?? throw new ArgumentNullException(nameof(itemId));
        AudioStartMs = audioStartMs;
        AudioEndMs = audioEndMs;
    }

    /// <summary>The user item the silence becomes.</summary>
    public string ItemId { get; }

    /// <summary>Where the silence began in the input audio: the end of the last reply's playback.</summary>
    public long AudioStartMs { get; }

    /// <summary>The input audio received when the timeout fired.</summary>
    public long AudioEndMs { get; }
}
