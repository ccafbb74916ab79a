using System.Globalization;
using System.Text.Json.Serialization;

namespace Voxgate.Server.Benchmarking.Relay;

/// <summary>One point of the relay benchmark: N sessions for a while, round trips, loss, and what the gateway spent.</summary>
internal sealed record RelayLoadResult(
    [property: JsonPropertyName("sessions")] int Sessions,
    [property: JsonPropertyName("seconds")] double Seconds,
    [property: JsonPropertyName("frames_sent")] long FramesSent,
    [property: JsonPropertyName("frames_lost")] long FramesLost,
    [property: JsonPropertyName("p50_ms")] double P50Ms,
    [property: JsonPropertyName("p95_ms")] double P95Ms,
    [property: JsonPropertyName("p99_ms")] double P99Ms,
    [property: JsonPropertyName("max_ms")] double MaxMs,
    [property: JsonPropertyName("gateway_cores")] double GatewayCores,
    [property: JsonPropertyName("gateway_rss_mb")] double GatewayRssMb,
    [property: JsonPropertyName("kb_per_session")] double KbPerSession,
    [property: JsonPropertyName("generator_stalls")] long GeneratorStalls)
{
    /// <summary>The capacity criterion of docs/benchmarks.md: p99 within 20 ms and nothing lost.</summary>
    public const double P99TargetMs = 20;

    [JsonPropertyName("holds")]
    public bool Holds => P99Ms <= P99TargetMs && FramesLost == 0;

    public double LossPercent => FramesSent == 0 ? 0 : 100.0 * FramesLost / FramesSent;

    public static string Header =>
        "| sessions | round trip p50 / p95 / p99 / max (ms) | frames | lost | gateway CPU (cores) | gateway RSS (MB) | per session (KB) | holds |\n"
        + "|---|---|---|---|---|---|---|---|";

    public string ToMarkdownRow() => string.Create(CultureInfo.InvariantCulture,
        $"| {Sessions} | {P50Ms:F1} / {P95Ms:F1} / {P99Ms:F1} / {MaxMs:F0} | {FramesSent} | {FramesLost} ({LossPercent:F2} %) | {GatewayCores:F2} | {GatewayRssMb:F0} | {KbPerSession:F0} | {(Holds ? "yes" : "no")} |");
}
