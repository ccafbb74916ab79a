namespace Voxgate.Calls.Records;

/// <summary>A call's post-call scores and where their computation is.</summary>
/// <param name="Status"><see cref="AnalysisStatus"/>.</param>
/// <param name="Attempts">How many times scoring was tried.</param>
/// <param name="Scorer">Which scorer produced the scores (<c>offline</c>, <c>llm</c>).</param>
/// <param name="Sentiment">−1.0 (angry) … 1.0 (delighted).</param>
/// <param name="Intent">Lead intent, 0 (none) … 100 (booked and keen).</param>
/// <param name="Outcome"><see cref="CallOutcome"/>.</param>
/// <param name="Summary">One line on what happened.</param>
/// <param name="Evidence">Why each score is what it is.</param>
/// <param name="Error">Why the last attempt failed.</param>
/// <param name="ScoredAt">When the scores were computed.</param>
public sealed record CallAnalysis(
    string Status, int Attempts, string? Scorer, double? Sentiment, int? Intent, string? Outcome, string? Summary,
    IReadOnlyList<ScoreEvidence> Evidence, string? Error, DateTimeOffset? ScoredAt);
