namespace Voxgate.Calls.Records;

/// <summary>One reason a score moved: the signal, the words or event behind it, and how far it moved the score.</summary>
/// <param name="Score">Which score: <c>sentiment</c>, <c>intent</c> or <c>outcome</c>.</param>
/// <param name="Signal">The signal's name (<c>booking_made</c>, <c>price_asked</c>, <c>caller_phrase</c>…).</param>
/// <param name="Text">The phrase or event, as said or recorded.</param>
/// <param name="Weight">Its effect: points of intent, or the phrase's sentiment (−1…1).</param>
/// <param name="TurnSeq">The turn it comes from, when it comes from one.</param>
public sealed record ScoreEvidence(string Score, string Signal, string Text, double Weight, int? TurnSeq);
