using System.Text.Json;
using Microsoft.Extensions.AI;
using Voxgate.Realtime.Abstractions;

namespace Voxgate.Server.Telephony.Telnyx;

/// <summary>
/// Telnyx media streaming with <c>stream_bidirectional_mode: rtp</c>: snake_case, a top-level <c>stream_id</c> on what
/// Telnyx sends and none on what it is sent, PCMU or PCMA at 8 kHz, and messages that may arrive out of order.
/// </summary>
internal sealed class TelnyxWire : ICarrierWire
{
    public static readonly TelnyxWire Instance = new();

    public string Name => "telnyx";

    public CarrierFieldNames Fields { get; } = new("stream_id"u8.ToArray(), "sequence_number"u8.ToArray());

    // "Media frame order is not guaranteed": put back by sequence_number, which numbers every message.
    public bool Reorders => true;

    public PhoneCallStart? ReadStart(ReadOnlySpan<byte> json, out string? problem)
    {
        TelnyxStartMessage? message;
        try
        {
            message = JsonSerializer.Deserialize(json, TelephonyJsonContext.Default.TelnyxStartMessage);
        }
        catch (JsonException)
        {
            problem = "the start message is not Telnyx's shape";
            return null;
        }

        if (string.IsNullOrEmpty(message?.StreamId))
        {
            problem = "the start message has no stream_id";
            return null;
        }

        RealtimeAudioFormat audio = RealtimeAudioFormats.MuLaw;
        if (message.Start?.MediaFormat is { } format)
        {
            RealtimeAudioFormat? known = format.Encoding?.ToUpperInvariant() switch
            {
                "PCMU" => RealtimeAudioFormats.MuLaw,
                "PCMA" => RealtimeAudioFormats.ALaw,
                _ => null,
            };
            if (known is null || format.SampleRate != 8000 || format.Channels is not (0 or 1))
            {
                problem = $"the stream's audio is {format.Encoding} at {format.SampleRate} Hz; Voxgate takes PCMU or PCMA at 8000 Hz, mono (set stream_bidirectional_codec)";
                return null;
            }

            audio = known;
        }

        problem = null;
        return new PhoneCallStart(
            message.StreamId,
            message.Start?.CallControlId,
            message.Start?.From is { Length: > 0 } from ? from : null,
            message.Start?.To is { Length: > 0 } to ? to : null,
            audio,
            long.TryParse(message.SequenceNumber, out long sequence) ? sequence : -1);
    }

    public void WriteMedia(Utf8JsonWriter writer, string streamId, ReadOnlySpan<byte> audio)
    {
        writer.WriteStartObject();
        writer.WriteString("event"u8, "media"u8);
        writer.WriteStartObject("media"u8);
        writer.WriteBase64String("payload"u8, audio);
        writer.WriteEndObject();
        writer.WriteEndObject();
    }

    public void WriteMark(Utf8JsonWriter writer, string streamId, ReadOnlySpan<byte> name)
    {
        writer.WriteStartObject();
        writer.WriteString("event"u8, "mark"u8);
        writer.WriteStartObject("mark"u8);
        writer.WriteString("name"u8, name);
        writer.WriteEndObject();
        writer.WriteEndObject();
    }

    public void WriteClear(Utf8JsonWriter writer, string streamId)
    {
        writer.WriteStartObject();
        writer.WriteString("event"u8, "clear"u8);
        writer.WriteEndObject();
    }
}
