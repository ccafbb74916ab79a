using System.Text.Json.Serialization;

namespace Voxgate.Server.Gateway;

/// <summary>The answer to POST /api/session.</summary>
internal sealed record SessionTokenResponse(
    [property: JsonPropertyName("token")] string Token,
    [property: JsonPropertyName("expires_at")] long ExpiresAt);
