using System.Text.Json.Serialization;

namespace Voxgate.Speech.Engine;

/// <summary>Source-generated JSON for what the engine serialises (tool arguments).</summary>
[JsonSerializable(typeof(IDictionary<string, object?>))]
[JsonSerializable(typeof(string))]
[JsonSerializable(typeof(int))]
[JsonSerializable(typeof(long))]
[JsonSerializable(typeof(double))]
[JsonSerializable(typeof(bool))]
[JsonSerializable(typeof(System.Text.Json.JsonElement))]
internal sealed partial class EngineJsonContext : JsonSerializerContext;
