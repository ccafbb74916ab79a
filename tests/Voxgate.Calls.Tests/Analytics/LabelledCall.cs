using System.Text.Json;
using System.Text.Json.Serialization;
using Voxgate.Calls.Records;

namespace Voxgate.Calls.Tests.Analytics;

/// <summary>One transcript of the labelled set and the bands its scores should fall in.</summary>
public sealed record LabelledCall(string Name, LabelledExpectation Expect, string[][] Turns, LabelledTool[] Tools)
{
    public static IReadOnlyList<LabelledCall> Load()
        => JsonSerializer.Deserialize<LabelledCall[]>(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Analytics", "LabelledCalls.json")), Options)!;

    public CallDetail ToDetail()
    {
        long ms = 0;
        var turns = Turns.Select((t, i) =>
        {
            ms += 2000;
            bool interrupted = t.Length > 2 && t[2] == "interrupted";
            return new TurnRecord(i + 1, t[0], null, t[1], ms, ms + 1500, interrupted, interrupted ? 800 : null, null);
        }).ToList();
        var tools = Tools.Select((t, i) => new ToolCallRecord(i + 1, $"call_{i}", t.Name, t.Arguments, t.Result, 0, 10)).ToList();
        var summary = new CallSummary(Name, DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch.AddMilliseconds(ms + 2000), ms + 2000, "browser", "local", null, "client_closed", 1000, false, null, null, null, null, null);
        return new CallDetail(summary, new CallerInfo(null, null, null), new CallUsage(0, 0), turns, tools, [], null);
    }

    private static readonly JsonSerializerOptions Options = new() { PropertyNameCaseInsensitive = true };
}

public sealed record LabelledExpectation(string Sentiment, string Intent, string Outcome);

public sealed record LabelledTool(string Name, JsonElement Arguments, [property: JsonPropertyName("result")] JsonElement? Result);
