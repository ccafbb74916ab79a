using Voxgate.Realtime.Abstractions;

namespace Voxgate.Server.Telephony;

/// <summary>Agent audio waiting to be paced out to a carrier, in the buffer it came in; an empty one only wakes the writer.</summary>
internal readonly record struct PhoneOutgoing(OutputAudioDeltaRealtimeServerMessage? Audio, string? ItemId)
{
    public static PhoneOutgoing Wake => default;
}
