using Microsoft.Extensions.AI;

namespace Voxgate.Realtime.Abstractions;

/// <summary>Drops the audio appended since the last commit (and any turn in progress).</summary>
public sealed class InputAudioBufferClearRealtimeClientMessage : RealtimeClientMessage;
