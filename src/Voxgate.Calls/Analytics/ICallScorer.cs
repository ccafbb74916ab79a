using Voxgate.Calls.Records;

namespace Voxgate.Calls.Analytics;

/// <summary>Scores a finished call: sentiment, lead intent, outcome and a summary, each with its evidence.</summary>
public interface ICallScorer
{
    /// <summary>Scores <paramref name="detail"/>; throws only when it cannot score at all (the job is then retried).</summary>
    Task<CallScore> ScoreAsync(CallDetail detail, CancellationToken cancellationToken);
}
