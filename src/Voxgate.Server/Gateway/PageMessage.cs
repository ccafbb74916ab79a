using System.Text.Json.Serialization;

namespace Voxgate.Server.Gateway;

/// <summary>A JSON message from the page: playback report, typed text or interrupt (docs/protocol.md).</summary>
internal sealed record PageMessage(
    [property: JsonPropertyName("type")] string? Type,
    [property: JsonPropertyName("item_id")] string? ItemId,
    [property: JsonPropertyName("played_ms")] long? PlayedMs,
    [property: JsonPropertyName("text")] string? Text);
