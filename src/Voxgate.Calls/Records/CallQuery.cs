namespace Voxgate.Calls.Records;

/// <summary>Which calls to list: a page of them, newest first, filtered by start time and scores.</summary>
public sealed record CallQuery
{
    public DateTimeOffset? From { get; init; }
    public DateTimeOffset? To { get; init; }
    public string? Outcome { get; init; }
    public double? MinSentiment { get; init; }
    public double? MaxSentiment { get; init; }
    public int? MinIntent { get; init; }
    public int? MaxIntent { get; init; }
    public int Page { get; init; } = 1;
    public int PageSize { get; init; } = 50;
}
