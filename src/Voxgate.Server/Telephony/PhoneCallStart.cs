using Microsoft.Extensions.AI;

namespace Voxgate.Server.Telephony;

/// <summary>What a carrier's <c>start</c> message says of the call: enough to begin its record and check every later message.</summary>
/// <param name="StreamId">The stream every message must name (Twilio's <c>streamSid</c>, Telnyx's <c>stream_id</c>).</param>
/// <param name="CarrierCallId">The carrier's id of the call (<c>callSid</c>, <c>call_control_id</c>), for the logs.</param>
/// <param name="From">The caller's number, when known.</param>
/// <param name="To">The number called, when known.</param>
/// <param name="Audio">The audio both ways: µ-law, or A-law where the carrier streams it.</param>
/// <param name="Sequence">The start's own sequence number, or -1.</param>
internal sealed record PhoneCallStart(string StreamId, string? CarrierCallId, string? From, string? To, RealtimeAudioFormat Audio, long Sequence);
