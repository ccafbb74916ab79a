using System.Text.Json.Serialization;
using Voxgate.Server.Health;

namespace Voxgate.Server.Hosting;

/// <summary>Source-generated JSON for the host's own documents.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(HealthDocument))]
internal sealed partial class ServerJsonContext : JsonSerializerContext;
