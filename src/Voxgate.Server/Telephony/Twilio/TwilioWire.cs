using System.Text.Json;
using Voxgate.Realtime.Abstractions;

namespace Voxgate.Server.Telephony.Twilio;

/// <summary>
/// Twilio Media Streams, bidirectional (twilio.com/docs/voice/media-streams/websocket-messages): camelCase, a
/// <c>streamSid</c> on every message both ways, µ-law 8 kHz only, messages in order.
/// </summary>
internal sealed class TwilioWire : ICarrierWire
{
    /// <summary>The <c>&lt;Parameter&gt;</c> that carries the caller's number from the webhook to the stream.</summary>
    public const string FromParameter = "From";

    /// <summary>The <c>&lt;Parameter&gt;</c> that carries the number called.</summary>
    public const string ToParameter = "To";

    public static readonly TwilioWire Instance = new();

    public string Name => "twilio";

    public CarrierFieldNames Fields { get; } = new("streamSid"u8.ToArray(), "sequenceNumber"u8.ToArray());

    public bool Reorders => false;

    public PhoneCallStart? ReadStart(ReadOnlySpan<byte> json, out string? problem)
    {
        TwilioStartMessage? message;
        try
        {
            message = JsonSerializer.Deserialize(json, TelephonyJsonContext.Default.TwilioStartMessage);
        }
        catch (JsonException)
        {
            problem = "the start message is not Twilio's shape";
            return null;
        }

        string? streamSid = message?.StreamSid ?? message?.Start?.StreamSid;
        if (string.IsNullOrEmpty(streamSid))
        {
            problem = "the start message has no streamSid";
            return null;
        }

        if (message!.Start?.MediaFormat is { } format && (!string.Equals(format.Encoding, "audio/x-mulaw", StringComparison.OrdinalIgnoreCase) || format.SampleRate != 8000 || format.Channels != 1))
        {
            problem = $"the stream's audio is {format.Encoding} at {format.SampleRate} Hz with {format.Channels} channels; Voxgate takes audio/x-mulaw at 8000 Hz, mono";
            return null;
        }

        Dictionary<string, string>? parameters = message.Start?.CustomParameters;
        problem = null;
        return new PhoneCallStart(
            streamSid,
            message.Start?.CallSid,
            parameters?.GetValueOrDefault(FromParameter) is { Length: > 0 } from ? from : null,
            parameters?.GetValueOrDefault(ToParameter) is { Length: > 0 } to ? to : null,
            RealtimeAudioFormats.MuLaw,
            long.TryParse(message.SequenceNumber, out long sequence) ? sequence : -1);
    }

    public void WriteMedia(Utf8JsonWriter writer, string streamId, ReadOnlySpan<byte> audio)
    {
        writer.WriteStartObject();
        writer.WriteString("event"u8, "media"u8);
        writer.WriteString("streamSid"u8, streamId);
        writer.WriteStartObject("media"u8);
        writer.WriteBase64String("payload"u8, audio);
        writer.WriteEndObject();
        writer.WriteEndObject();
    }

    public void WriteMark(Utf8JsonWriter writer, string streamId, ReadOnlySpan<byte> name)
    {
        writer.WriteStartObject();
        writer.WriteString("event"u8, "mark"u8);
        writer.WriteString("streamSid"u8, streamId);
        writer.WriteStartObject("mark"u8);
        writer.WriteString("name"u8, name);
        writer.WriteEndObject();
        writer.WriteEndObject();
    }

    public void WriteClear(Utf8JsonWriter writer, string streamId)
    {
        writer.WriteStartObject();
        writer.WriteString("event"u8, "clear"u8);
        writer.WriteString("streamSid"u8, streamId);
        writer.WriteEndObject();
    }
}
