using Microsoft.Extensions.AI;
using Voxgate.Realtime.Abstractions;

namespace Voxgate.Server.Relay;

/// <summary>
/// One thing for the call's loop: a message from the upstream, the caller's control input (never audio), or one of the
/// relay's own notes (a timer, the agent's hang-up request).
/// </summary>
internal readonly record struct CallSignal(RealtimeServerMessage? Message, CallerInput Input, RelayNote Note = RelayNote.None)
{
    public static CallSignal FromUpstream(RealtimeServerMessage message) => new(message, default);

    public static CallSignal FromCaller(CallerInput input) => new(null, input);

    public static CallSignal FromRelay(RelayNote note) => new(null, default, note);

    /// <summary>Gives back the audio buffer of a signal that will not be handled.</summary>
    public void Release() => (Message as OutputAudioDeltaRealtimeServerMessage)?.Release();
}
