namespace Voxgate.Calls.Records;

/// <summary>Everything kept about one call.</summary>
public sealed record CallDetail(
    CallSummary Call,
    CallerInfo Caller,
    CallUsage Usage,
    IReadOnlyList<TurnRecord> Turns,
    IReadOnlyList<ToolCallRecord> Tools,
    IReadOnlyList<CallErrorRecord> Errors,
    CallAnalysis? Analysis);
