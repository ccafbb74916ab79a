namespace Voxgate.Server.Telephony;

/// <summary>
/// One carrier message as the fast path reads it: the event and the few fields Voxgate uses, as UTF-8 spans into the
/// received message (or into the reader's scratch buffer where JSON escaped them). Valid until the next message.
/// </summary>
internal ref struct CarrierFrame
{
    public CarrierEvent Event;

    /// <summary>The stream the message names (<c>streamSid</c>, <c>stream_id</c>); empty when it names none.</summary>
    public ReadOnlySpan<byte> StreamId;

    /// <summary>The message's sequence number, or -1.</summary>
    public long Sequence;

    /// <summary><c>media.payload</c>: base64 audio.</summary>
    public ReadOnlySpan<byte> Payload;

    /// <summary><c>media.track</c>, when given.</summary>
    public ReadOnlySpan<byte> Track;

    /// <summary><c>mark.name</c>.</summary>
    public ReadOnlySpan<byte> MarkName;

    /// <summary><c>dtmf.digit</c>.</summary>
    public ReadOnlySpan<byte> Digit;
}
