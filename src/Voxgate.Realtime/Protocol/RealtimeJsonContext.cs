using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace Voxgate.Realtime.Protocol;

/// <summary>Source-generated JSON for the types the protocol layer serialises outside the per-frame path.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower, DefaultIgnoreCondition = JsonIgnoreCondition.Never)]
[JsonSerializable(typeof(IDictionary<string, object?>))]
[JsonSerializable(typeof(JsonElement))]
[JsonSerializable(typeof(JsonNode))]
[JsonSerializable(typeof(HttpErrorBody))]
internal sealed partial class RealtimeJsonContext : JsonSerializerContext;

/// <summary>The body of an HTTP error before the upgrade, as OpenAI sends it: <c>{"error":{…}}</c>.</summary>
internal sealed record HttpErrorBody(HttpError Error);

/// <summary>One HTTP error.</summary>
internal sealed record HttpError(string Type, string? Code, string Message, string? Param);
