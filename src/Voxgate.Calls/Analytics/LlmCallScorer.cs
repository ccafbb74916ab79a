using System.Text;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;
using Voxgate.Calls.Records;

namespace Voxgate.Calls.Analytics;

/// <summary>
/// Scores a call with a chat model through <see cref="IChatClient"/>, asking for structured JSON (<see cref="LlmVerdict"/>);
/// an answer that fails, or is out of range, falls back to <paramref name="fallback"/> (the offline scorer).
/// </summary>
public sealed class LlmCallScorer(IChatClient chat, ICallScorer fallback, ILogger<LlmCallScorer> logger) : ICallScorer
{
    public const string Name = "llm";

    private const string Instructions = """
        You score one phone call to a clinic's receptionist. Return JSON only, with:
        sentiment: the caller's feeling over the call, -1.0 (angry) to 1.0 (delighted), 0 when neutral;
        intent: lead intent 0-100 (a booking made is 80+, asking availability or price with a near date 50-80,
        general questions 20-50, wrong number or not interested under 15);
        outcome: one of booked, rescheduled, cancelled, information, abandoned (abandoned: hung up before being helped);
        summary: one sentence;
        evidence: up to 6 items {score: "sentiment"|"intent"|"outcome", signal: short snake_case name, quote: the caller's
        or agent's words or the tool event, weight: its effect (sentiment -1..1, intent points)}.
        """;

    public async Task<CallScore> ScoreAsync(CallDetail detail, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(detail);
        CallDetail call = detail;
        // A model that does not answer within a minute is a failure like any other: the offline scorer answers instead.
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromMinutes(1));
        try
        {
            ChatResponse<LlmVerdict> response = await chat.GetResponseAsync<LlmVerdict>(
                [new ChatMessage(ChatRole.System, Instructions), new ChatMessage(ChatRole.User, Transcript(call))],
                CallsJsonContext.Default.Options,
                new ChatOptions { Temperature = 0 },
                cancellationToken: timeout.Token).ConfigureAwait(false);
            LlmVerdict verdict = response.Result;
            if (verdict is null || double.IsNaN(verdict.Sentiment) || verdict.Sentiment is < -1 or > 1 || verdict.Intent is < 0 or > 100 || !CallOutcome.All.Contains(verdict.Outcome))
            {
                throw new InvalidDataException("The model's verdict is out of range.");
            }

            return new CallScore(
                Math.Round(verdict.Sentiment, 3),
                verdict.Intent,
                verdict.Outcome,
                verdict.Summary ?? string.Empty,
                [.. (verdict.Evidence ?? []).Take(12).Select(e => new ScoreEvidence(e.Score ?? "sentiment", e.Signal ?? "llm", e.Quote ?? string.Empty, e.Weight, null))],
                Name);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            Log.LlmScorerFailed(logger, call.Call.Id, ex);
            CallScore offline = await fallback.ScoreAsync(call, cancellationToken).ConfigureAwait(false);
            return offline with { Scorer = offline.Scorer + " (llm failed)" };
        }
    }

    private static string Transcript(CallDetail call)
    {
        var text = new StringBuilder();
        text.Append("Call ended: ").Append(call.Call.EndReason ?? "unknown").Append('\n');
        foreach (TurnRecord turn in call.Turns)
        {
            text.Append(turn.Role).Append(turn.Interrupted ? " (cut off)" : string.Empty).Append(": ").Append(turn.Text).Append('\n');
        }

        foreach (ToolCallRecord tool in call.Tools)
        {
            text.Append("tool ").Append(tool.Name).Append(' ').Append(tool.Arguments.GetRawText()).Append(" -> ").Append(tool.Result?.GetRawText() ?? "no result").Append('\n');
        }

        return text.ToString();
    }
}
