namespace Voxgate.Calls.Analytics;

/// <summary>The JSON the LLM scorer asks the model for (structured output).</summary>
internal sealed record LlmVerdict(double Sentiment, int Intent, string Outcome, string Summary, LlmEvidence[] Evidence);
