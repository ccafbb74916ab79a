using System.Text.Json.Serialization;

namespace Voxgate.Server.Gateway;

/// <summary>A JSON message from the page: playback report, typed text or interrupt (docs/protocol.md).</summary>
internal sealed record ClientEvent(
    [property: JsonPropertyName("type")] string? Type,
    [property: JsonPropertyName("item_id")] string? ItemId,
    [property: JsonPropertyName("played_ms")] long? PlayedMs,
    [property: JsonPropertyName("text")] string? Text);

/// <summary>Source-generated JSON for the gateway's typed documents.</summary>
[JsonSerializable(typeof(ClientEvent))]
[JsonSerializable(typeof(SessionTokenResponse))]
internal sealed partial class GatewayJsonContext : JsonSerializerContext;

/// <summary>The answer to POST /api/session.</summary>
internal sealed record SessionTokenResponse(
    [property: JsonPropertyName("token")] string Token,
    [property: JsonPropertyName("expires_at")] long ExpiresAt);
