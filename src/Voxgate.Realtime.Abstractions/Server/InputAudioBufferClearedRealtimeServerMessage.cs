using Microsoft.Extensions.AI;

namespace Voxgate.Realtime.Abstractions;

/// <summary>The input audio buffer was emptied, as a client asked.</summary>
public sealed class InputAudioBufferClearedRealtimeServerMessage : RealtimeServerMessage
{
    public InputAudioBufferClearedRealtimeServerMessage() => Type = RealtimeMessageTypes.InputAudioBufferCleared;
}
