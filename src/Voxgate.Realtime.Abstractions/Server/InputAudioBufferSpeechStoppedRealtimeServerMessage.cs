using Microsoft.Extensions.AI;

namespace Voxgate.Realtime.Abstractions;

/// <summary>Turn detection heard the caller stop: the silence window closed and the turn ended.</summary>
public sealed class InputAudioBufferSpeechStoppedRealtimeServerMessage : RealtimeServerMessage
{
    public InputAudioBufferSpeechStoppedRealtimeServerMessage(string itemId, long audioEndMs)
    {
        Type = RealtimeMessageTypes.InputAudioBufferSpeechStopped;
        ItemId = itemId ?? throw new ArgumentNullException(nameof(itemId));
        AudioEndMs = audioEndMs;
    }

    public string ItemId { get; }

    /// <summary>Where the speech ended in the session's input audio.</summary>
    public long AudioEndMs { get; }
}
