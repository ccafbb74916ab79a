namespace Voxgate.Calls.Analytics;

/// <summary>One piece of evidence as the model gives it: which score, a short signal name, the quote, its effect.</summary>
internal sealed record LlmEvidence(string Score, string Signal, string Quote, double Weight);
