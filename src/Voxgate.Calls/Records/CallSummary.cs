namespace Voxgate.Calls.Records;

/// <summary>A call as the list shows it.</summary>
public sealed record CallSummary(
    string Id,
    DateTimeOffset StartedAt,
    DateTimeOffset? EndedAt,
    long? DurationMs,
    string Transport,
    string UpstreamKind,
    string? UpstreamModel,
    string? EndReason,
    int? CloseCode,
    bool HasRecording,
    string? AnalysisStatus,
    double? Sentiment,
    int? Intent,
    string? Outcome,
    string? Summary);
