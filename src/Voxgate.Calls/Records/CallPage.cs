namespace Voxgate.Calls.Records;

/// <summary>One page of calls and how many match in all.</summary>
public sealed record CallPage(IReadOnlyList<CallSummary> Items, int Page, int PageSize, long Total);
