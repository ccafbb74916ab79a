using Microsoft.Extensions.AI;

namespace Voxgate.Realtime.Abstractions;

/// <summary>Turn detection heard the caller start speaking: the moment a barge-in begins.</summary>
public sealed class InputAudioBufferSpeechStartedRealtimeServerMessage : RealtimeServerMessage
{
    public InputAudioBufferSpeechStartedRealtimeServerMessage(string itemId, long audioStartMs)
    {
        Type = RealtimeMessageTypes.InputAudioBufferSpeechStarted;
        ItemId = itemId ?? throw new ArgumentNullException(nameof(itemId));
        AudioStartMs = audioStartMs;
    }

    /// <summary>The user item this speech will become.</summary>
    public string ItemId { get; }

    /// <summary>Where the speech begins in the session's input audio (prefix padding included).</summary>
    public long AudioStartMs { get; }
}
