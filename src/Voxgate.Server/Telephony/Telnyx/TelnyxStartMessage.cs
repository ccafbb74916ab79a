using System.Text.Json.Serialization;

namespace Voxgate.Server.Telephony.Telnyx;

/// <summary>Telnyx's <c>start</c> message (Telnyx's media streaming WebSocket reference): the fields Voxgate reads.</summary>
internal sealed record TelnyxStartMessage(
    [property: JsonPropertyName("stream_id")] string? StreamId,
    [property: JsonPropertyName("sequence_number")] string? SequenceNumber,
    [property: JsonPropertyName("start")] TelnyxStart? Start);

/// <summary>The <c>start</c> object: the call, its numbers and the audio format.</summary>
internal sealed record TelnyxStart(
    [property: JsonPropertyName("call_control_id")] string? CallControlId,
    [property: JsonPropertyName("from")] string? From,
    [property: JsonPropertyName("to")] string? To,
    [property: JsonPropertyName("custom_parameters")] Dictionary<string, string>? CustomParameters,
    [property: JsonPropertyName("media_format")] TelnyxMediaFormat? MediaFormat);

/// <summary>The stream's codec: Voxgate takes <c>PCMU</c> and <c>PCMA</c> at 8000 Hz.</summary>
internal sealed record TelnyxMediaFormat(
    [property: JsonPropertyName("encoding")] string? Encoding,
    [property: JsonPropertyName("sample_rate")] int SampleRate,
    [property: JsonPropertyName("channels")] int Channels);
