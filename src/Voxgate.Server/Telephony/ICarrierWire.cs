using System.Text.Json;

namespace Voxgate.Server.Telephony;

/// <summary>
/// One carrier's media-stream messages: how its JSON names things, what its <c>start</c> says, and how agent audio,
/// marks and <c>clear</c> are written back. <see cref="PhoneTransport"/> does everything else, the same for every carrier.
/// </summary>
internal interface ICarrierWire
{
    /// <summary>The carrier's name for records and logs: <c>twilio</c>, <c>telnyx</c>.</summary>
    string Name { get; }

    /// <summary>The names of the fields the per-frame reader looks for.</summary>
    CarrierFieldNames Fields { get; }

    /// <summary>Whether messages may arrive out of order and are put back in order by sequence number.</summary>
    bool Reorders { get; }

    /// <summary>Reads a <c>start</c> message; null with a reason when it cannot start a call (no stream id, audio Voxgate cannot take).</summary>
    PhoneCallStart? ReadStart(ReadOnlySpan<byte> json, out string? problem);

    /// <summary>Agent audio for the caller.</summary>
    void WriteMedia(Utf8JsonWriter writer, string streamId, ReadOnlySpan<byte> audio);

    /// <summary>A mark the carrier echoes once the audio before it has played.</summary>
    void WriteMark(Utf8JsonWriter writer, string streamId, ReadOnlySpan<byte> name);

    /// <summary>Drops what the carrier has buffered to play (it echoes the marks in it).</summary>
    void WriteClear(Utf8JsonWriter writer, string streamId);
}
