using System.Text.Json;
using System.Text.Json.Serialization;
using Voxgate.Calls.Analytics;
using Voxgate.Calls.Records;

namespace Voxgate.Calls;

/// <summary>Source-generated JSON for what Voxgate.Calls stores and returns (camelCase, as the API speaks).</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, DefaultIgnoreCondition = JsonIgnoreCondition.Never)]
[JsonSerializable(typeof(ScoreEvidence[]))]
[JsonSerializable(typeof(string))]
[JsonSerializable(typeof(Dictionary<string, string>))]
[JsonSerializable(typeof(LlmVerdict))]
internal sealed partial class CallsJsonContext : JsonSerializerContext;
