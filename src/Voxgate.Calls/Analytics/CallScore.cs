using Voxgate.Calls.Records;

namespace Voxgate.Calls.Analytics;

/// <summary>A scorer's verdict on one call.</summary>
/// <param name="Sentiment">−1.0 … 1.0.</param>
/// <param name="Intent">0 … 100.</param>
/// <param name="Outcome">One of <see cref="CallOutcome"/>.</param>
/// <param name="Summary">One line.</param>
/// <param name="Evidence">What moved each score.</param>
/// <param name="Scorer">Which scorer: <c>offline</c>, <c>llm</c>, or <c>offline (llm failed)</c>.</param>
public sealed record CallScore(double Sentiment, int Intent, string Outcome, string Summary, IReadOnlyList<ScoreEvidence> Evidence, string Scorer);
