using System.Data.Common;
using System.Text.Json;
using Dapper;
using Voxgate.Calls.Records;
using Voxgate.Calls.Store;

namespace Voxgate.Calls.Analytics;

/// <summary>
/// The scoring jobs, one row per call in the store: claimed with a lease (so two instances never score one call at once,
/// and a job whose instance died is taken up again), completed, retried with back-off, or failed after the last attempt.
/// </summary>
public sealed class AnalysisJobs(CallDatabase database, TimeProvider time)
{
    private static readonly TimeSpan Lease = TimeSpan.FromMinutes(2);

    /// <summary>Claims the next due job; null when none is due. Returns the call and which attempt this is.</summary>
    public async Task<(string CallId, long Attempt)?> ClaimAsync(CancellationToken cancellationToken)
    {
        long now = time.GetUtcNow().ToUnixTimeMilliseconds();
        await using DbConnection connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);

        // The outer conditions are checked again on the row as it is when locked: a job another instance claimed first is skipped.
        var claimed = await connection.QueryAsync<(string, long)>(new CommandDefinition(
            """
            UPDATE analytics SET claimed_until_ms = @lease, attempts = attempts + 1
            WHERE call_id = (
                SELECT call_id FROM analytics
                WHERE status = @pending AND next_attempt_ms <= @now AND (claimed_until_ms IS NULL OR claimed_until_ms < @now)
                ORDER BY next_attempt_ms, call_id LIMIT 1)
              AND status = @pending AND (claimed_until_ms IS NULL OR claimed_until_ms < @now)
            RETURNING call_id, attempts
            """,
            new { now, lease = now + (long)Lease.TotalMilliseconds, pending = AnalysisStatus.Pending },
            cancellationToken: cancellationToken)).ConfigureAwait(false);
        foreach ((string callId, long attempt) in claimed)
        {
            return (callId, attempt);
        }

        return null;
    }

    public async Task CompleteAsync(string callId, CallScore score, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(score);
        await using DbConnection connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await connection.ExecuteAsync(new CommandDefinition(
            """
            UPDATE analytics SET status = @done, claimed_until_ms = NULL, scorer = @Scorer, sentiment = @Sentiment, intent = @Intent,
                outcome = @Outcome, summary = @Summary, evidence = @evidence, error = NULL, scored_ms = @now
            WHERE call_id = @callId
            """,
            new
            {
                callId, done = AnalysisStatus.Done, score.Scorer, score.Sentiment, score.Intent, score.Outcome, score.Summary,
                evidence = JsonSerializer.Serialize([.. score.Evidence], CallsJsonContext.Default.ScoreEvidenceArray),
                now = time.GetUtcNow().ToUnixTimeMilliseconds(),
            },
            cancellationToken: cancellationToken)).ConfigureAwait(false);
    }

    /// <summary>Records a failed attempt: retried after <paramref name="retryAfter"/>, or failed when it was the last.</summary>
    public async Task FailAsync(string callId, string error, bool last, TimeSpan retryAfter, CancellationToken cancellationToken)
    {
        await using DbConnection connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await connection.ExecuteAsync(new CommandDefinition(
            "UPDATE analytics SET status = @status, claimed_until_ms = NULL, error = @error, next_attempt_ms = @next WHERE call_id = @callId",
            new
            {
                callId, status = last ? AnalysisStatus.Failed : AnalysisStatus.Pending, error = error.Length > 500 ? error[..500] : error,
                next = (time.GetUtcNow() + retryAfter).ToUnixTimeMilliseconds(),
            },
            cancellationToken: cancellationToken)).ConfigureAwait(false);
    }

    /// <summary>Queues a call to be scored again; false when there is no such ended call.</summary>
    public async Task<bool> RequeueAsync(string callId, CancellationToken cancellationToken)
    {
        await using DbConnection connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        bool ended = await connection.ExecuteScalarAsync<long>(new CommandDefinition(
            "SELECT COUNT(*) FROM calls WHERE id = @callId AND ended_ms IS NOT NULL", new { callId }, cancellationToken: cancellationToken)).ConfigureAwait(false) > 0;
        if (ended)
        {
            await CallStore.QueueAnalysisAsync(connection, null, callId, cancellationToken).ConfigureAwait(false);
        }

        return ended;
    }

    /// <summary>The analysis row of a call, or null.</summary>
    public async Task<CallAnalysis?> GetAsync(string callId, CancellationToken cancellationToken)
    {
        await using DbConnection connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        AnalysisRow? row = await connection.QuerySingleOrDefaultAsync<AnalysisRow>(new CommandDefinition(
            "SELECT * FROM analytics WHERE call_id = @callId", new { callId }, cancellationToken: cancellationToken)).ConfigureAwait(false);
        return row is null ? null : CallStore.ToAnalysis(row);
    }
}
