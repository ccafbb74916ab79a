using System.Text.Json;

namespace Voxgate.Calls.Records;

/// <summary>A tool the agent called during a call, with its arguments and result (JSON) and call-clock times.</summary>
public sealed record ToolCallRecord(int Seq, string ToolCallId, string Name, JsonElement Arguments, JsonElement? Result, long StartMs, long? EndMs);
