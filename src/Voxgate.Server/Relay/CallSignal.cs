using Microsoft.Extensions.AI;
using Voxgate.Realtime.Abstractions;

namespace Voxgate.Server.Relay;

/// <summary>One thing for the call's loop: a message from the upstream, or the caller's control input (never audio).</summary>
internal readonly record struct CallSignal(RealtimeServerMessage? Message, CallerInput Input)
{
    public static CallSignal FromUpstream(RealtimeServerMessage message) => new(message, default);

    public static CallSignal FromCaller(CallerInput input) => new(null, input);

    /// <summary>Gives back the audio buffer of a signal that will not be handled.</summary>
    public void Release() => (Message as OutputAudioDeltaRealtimeServerMessage)?.Release();
}
