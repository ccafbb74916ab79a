using System.Text.Json.Serialization;

namespace Voxgate.Server.Telephony.Twilio;

/// <summary>Twilio's <c>start</c> message (twilio.com/docs/voice/media-streams/websocket-messages): the fields Voxgate reads.</summary>
internal sealed record TwilioStartMessage(
    [property: JsonPropertyName("streamSid")] string? StreamSid,
    [property: JsonPropertyName("sequenceNumber")] string? SequenceNumber,
    [property: JsonPropertyName("start")] TwilioStart? Start);

/// <summary>The <c>start</c> object: the call, its custom parameters (the TwiML's <c>&lt;Parameter&gt;</c>s) and the audio format.</summary>
internal sealed record TwilioStart(
    [property: JsonPropertyName("streamSid")] string? StreamSid,
    [property: JsonPropertyName("callSid")] string? CallSid,
    [property: JsonPropertyName("customParameters")] Dictionary<string, string>? CustomParameters,
    [property: JsonPropertyName("mediaFormat")] TwilioMediaFormat? MediaFormat);

/// <summary>Always <c>audio/x-mulaw</c>, 8000 Hz, one channel, per Twilio's docs.</summary>
internal sealed record TwilioMediaFormat(
    [property: JsonPropertyName("encoding")] string? Encoding,
    [property: JsonPropertyName("sampleRate")] int SampleRate,
    [property: JsonPropertyName("channels")] int Channels);
