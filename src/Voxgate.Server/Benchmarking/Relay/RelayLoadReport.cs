using System.Text.Json.Serialization;

namespace Voxgate.Server.Benchmarking.Relay;

/// <summary>The relay benchmark's <c>--json</c> output: which gateway, on what machine, and every point.</summary>
internal sealed record RelayLoadReport(
    [property: JsonPropertyName("gateway")] string Gateway,
    [property: JsonPropertyName("machine")] string Machine,
    [property: JsonPropertyName("results")] IReadOnlyList<RelayLoadResult> Results);

/// <summary>Source-generated JSON for the relay benchmark's report.</summary>
[JsonSourceGenerationOptions(WriteIndented = true)]
[JsonSerializable(typeof(RelayLoadReport))]
internal sealed partial class RelayLoadJsonContext : JsonSerializerContext;
