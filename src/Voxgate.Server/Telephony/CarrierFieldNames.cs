namespace Voxgate.Server.Telephony;

/// <summary>The names one carrier gives the fields the fast path reads; the rest of their messages are alike.</summary>
/// <param name="StreamId">The top-level stream id: <c>streamSid</c> (Twilio), <c>stream_id</c> (Telnyx).</param>
/// <param name="Sequence">The top-level counter: <c>sequenceNumber</c>, <c>sequence_number</c>.</param>
internal sealed record CarrierFieldNames(byte[] StreamId, byte[] Sequence);
