using System.Globalization;
using System.Text.Json.Serialization;

namespace Voxgate.Server.Benchmarking.Relay;

/// <summary>The gateway at one moment of the soak.</summary>
internal sealed record SoakSample(
    [property: JsonPropertyName("minute")] double Minute,
    [property: JsonPropertyName("calls")] long Calls,
    [property: JsonPropertyName("failures")] long Failures,
    [property: JsonPropertyName("rss_mb")] double ResidentMb,
    [property: JsonPropertyName("threads")] int Threads,
    [property: JsonPropertyName("handles")] int Handles)
{
    public static string Header => "| minute | calls so far | failed | gateway RSS (MB) | threads | handles |\n|---|---|---|---|---|---|";

    public string ToMarkdownRow() => string.Create(CultureInfo.InvariantCulture, $"| {Minute:F1} | {Calls} | {Failures} | {ResidentMb:F0} | {Threads} | {Handles} |");
}
