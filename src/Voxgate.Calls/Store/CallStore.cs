using System.Data.Common;
using System.Text;
using System.Text.Json;
using Dapper;
using Voxgate.Calls.Records;

namespace Voxgate.Calls.Store;

/// <summary>Reads and writes call records: calls, turns, tool calls, errors, and the analysis row of each call.</summary>
public sealed class CallStore(CallDatabase database, TimeProvider time)
{
    private const string SummaryColumns = """
        c.id, c.started_ms, c.ended_ms, c.transport, c.upstream_kind, c.upstream_model, c.caller_ip_hash, c.caller_user_agent,
        c.caller_phone, c.end_reason, c.close_code, c.input_tokens, c.output_tokens, c.recording_file,
        a.status, a.sentiment, a.intent, a.outcome, a.summary
        """;

    public CallDatabase Database => database;

    internal async Task CreateCallAsync(NewCall call, CancellationToken cancellationToken)
    {
        await using DbConnection connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await connection.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO calls (id, instance_id, started_ms, transport, upstream_kind, upstream_model, caller_ip_hash, caller_user_agent, caller_phone)
            VALUES (@Id, @instance, @StartedMs, @Transport, @UpstreamKind, @UpstreamModel, @CallerIpHash, @UserAgent, @CallerPhone)
            ON CONFLICT (id) DO NOTHING
            """,
            new { call.Id, instance = database.InstanceId, call.StartedMs, call.Transport, call.UpstreamKind, call.UpstreamModel, call.CallerIpHash, call.UserAgent, call.CallerPhone },
            cancellationToken: cancellationToken)).ConfigureAwait(false);
    }

    internal async Task SaveTurnAsync(string callId, TurnRecord turn, CancellationToken cancellationToken)
    {
        await using DbConnection connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await connection.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO turns (call_id, seq, role, item_id, text, start_ms, end_ms, interrupted, cut_off_ms, latency_transcript_ms, latency_sent_ms, latency_heard_ms)
            VALUES (@callId, @Seq, @Role, @ItemId, @Text, @StartMs, @EndMs, @interrupted, @CutOffMs, @transcript, @sent, @heard)
            ON CONFLICT (call_id, seq) DO UPDATE SET
                text = excluded.text, start_ms = excluded.start_ms, end_ms = excluded.end_ms, interrupted = excluded.interrupted,
                cut_off_ms = excluded.cut_off_ms, latency_transcript_ms = excluded.latency_transcript_ms,
                latency_sent_ms = excluded.latency_sent_ms, latency_heard_ms = excluded.latency_heard_ms
            """,
            new
            {
                callId, turn.Seq, turn.Role, turn.ItemId, turn.Text, turn.StartMs, turn.EndMs, interrupted = turn.Interrupted ? 1L : 0L, turn.CutOffMs,
                transcript = turn.Latency?.TranscriptMs, sent = turn.Latency?.SentMs, heard = turn.Latency?.HeardMs,
            },
            cancellationToken: cancellationToken)).ConfigureAwait(false);
    }

    internal async Task SaveToolAsync(string callId, ToolCallRecord tool, CancellationToken cancellationToken)
    {
        await using DbConnection connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await connection.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO tool_calls (call_id, seq, tool_call_id, name, arguments, result, started_ms, ended_ms)
            VALUES (@callId, @Seq, @ToolCallId, @Name, @arguments, @result, @StartMs, @EndMs)
            ON CONFLICT (call_id, seq) DO UPDATE SET result = excluded.result, ended_ms = excluded.ended_ms
            """,
            new { callId, tool.Seq, tool.ToolCallId, tool.Name, arguments = tool.Arguments.GetRawText(), result = tool.Result?.GetRawText(), tool.StartMs, tool.EndMs },
            cancellationToken: cancellationToken)).ConfigureAwait(false);
    }

    internal async Task AddErrorAsync(string callId, int seq, CallErrorRecord error, CancellationToken cancellationToken)
    {
        await using DbConnection connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await connection.ExecuteAsync(new CommandDefinition(
            "INSERT INTO call_errors (call_id, seq, at_ms, code, message) VALUES (@callId, @seq, @AtMs, @Code, @Message) ON CONFLICT (call_id, seq) DO NOTHING",
            new { callId, seq, error.AtMs, error.Code, error.Message },
            cancellationToken: cancellationToken)).ConfigureAwait(false);
    }

    /// <summary>Closes the call and queues its scoring, in one transaction.</summary>
    internal async Task EndCallAsync(string callId, long endedMs, string reason, int? closeCode, CallUsage usage, CancellationToken cancellationToken)
    {
        await using DbConnection connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using DbTransaction transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        await connection.ExecuteAsync(new CommandDefinition(
            """
            UPDATE calls SET ended_ms = @endedMs, end_reason = @reason, close_code = @closeCode, input_tokens = @InputTokens, output_tokens = @OutputTokens
            WHERE id = @callId
            """,
            new { callId, endedMs, reason, closeCode, usage.InputTokens, usage.OutputTokens },
            transaction, cancellationToken: cancellationToken)).ConfigureAwait(false);
        await QueueAnalysisAsync(connection, transaction, callId, cancellationToken).ConfigureAwait(false);
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
    }

    internal async Task SetRecordingAsync(string callId, string? file, long? durationMs, CancellationToken cancellationToken)
    {
        await using DbConnection connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await connection.ExecuteAsync(new CommandDefinition(
            "UPDATE calls SET recording_file = @file, recording_ms = @durationMs WHERE id = @callId",
            new { callId, file, durationMs }, cancellationToken: cancellationToken)).ConfigureAwait(false);
    }

    /// <summary>
    /// Closes the calls this instance left open when it last stopped (their end is the last thing recorded of them)
    /// with the reason <see cref="CallEndReason.Interrupted"/>, and queues their scoring. Returns their ids.
    /// </summary>
    public Task<IReadOnlyList<string>> CloseInterruptedCallsAsync(CancellationToken cancellationToken)
        => CloseInterruptedCallsAsync(database.InstanceId, cancellationToken);

    /// <summary>
    /// Closes the calls <paramref name="instanceId"/> left open as <see cref="CallEndReason.Interrupted"/> and queues
    /// their scoring: this instance's own at start-up, or a dead instance's (<see cref="InstanceHeartbeat"/>). Returns
    /// the ids this call closed; a call another instance closed first is not among them, so none is scored twice.
    /// </summary>
    public async Task<IReadOnlyList<string>> CloseInterruptedCallsAsync(string instanceId, CancellationToken cancellationToken)
    {
        await using DbConnection connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using DbTransaction transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        var open = (await connection.QueryAsync<string>(new CommandDefinition(
            "SELECT id FROM calls WHERE ended_ms IS NULL AND instance_id = @instanceId",
            new { instanceId }, transaction, cancellationToken: cancellationToken)).ConfigureAwait(false)).ToList();
        var closed = new List<string>(open.Count);
        foreach (string id in open)
        {
            // Checked again on the row as it is when locked: an instance that got there first has closed it.
            int changed = await connection.ExecuteAsync(new CommandDefinition(
                """
                UPDATE calls SET end_reason = @reason, ended_ms = COALESCE(
                    (SELECT MAX(started_ms + COALESCE(t.end_ms, t.start_ms)) FROM turns t WHERE t.call_id = calls.id), started_ms)
                WHERE id = @id AND ended_ms IS NULL
                """,
                new { id, reason = CallEndReason.Interrupted }, transaction, cancellationToken: cancellationToken)).ConfigureAwait(false);
            if (changed == 1)
            {
                await QueueAnalysisAsync(connection, transaction, id, cancellationToken).ConfigureAwait(false);
                closed.Add(id);
            }
        }

        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return closed;
    }

    /// <summary>Which of <paramref name="ids"/> are calls that have ended or are not in the store at all.</summary>
    internal async Task<IReadOnlyList<string>> NotOpenAsync(IReadOnlyList<string> ids, CancellationToken cancellationToken)
    {
        if (ids.Count == 0)
        {
            return [];
        }

        // One query per id: an IN list is spelled differently by each provider, and leftovers are few.
        await using DbConnection connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        var open = new HashSet<string>(StringComparer.Ordinal);
        foreach (string id in ids)
        {
            if (await connection.ExecuteScalarAsync<long>(new CommandDefinition(
                "SELECT COUNT(*) FROM calls WHERE id = @id AND ended_ms IS NULL", new { id }, cancellationToken: cancellationToken)).ConfigureAwait(false) > 0)
            {
                open.Add(id);
            }
        }

        return [.. ids.Where(id => !open.Contains(id))];
    }

    /// <summary>A value kept in the store (the caller-address salt), created by <paramref name="create"/> the first time.</summary>
    public async Task<string> GetOrAddSettingAsync(string key, Func<string> create, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(create);
        await using DbConnection connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);

        // Two instances may start at once: the first insert wins and both read the winner.
        await connection.ExecuteAsync(new CommandDefinition(
            "INSERT INTO settings (key, value) VALUES (@key, @value) ON CONFLICT (key) DO NOTHING",
            new { key, value = create() }, cancellationToken: cancellationToken)).ConfigureAwait(false);
        return await connection.QuerySingleAsync<string>(new CommandDefinition(
            "SELECT value FROM settings WHERE key = @key", new { key }, cancellationToken: cancellationToken)).ConfigureAwait(false);
    }

    /// <summary>A page of calls, newest first.</summary>
    public async Task<CallPage> ListCallsAsync(CallQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        var where = new StringBuilder(" WHERE 1 = 1");
        var parameters = new DynamicParameters();
        if (query.From is { } from)
        {
            where.Append(" AND c.started_ms >= @from");
            parameters.Add("from", from.ToUnixTimeMilliseconds());
        }

        if (query.To is { } to)
        {
            where.Append(" AND c.started_ms < @to");
            parameters.Add("to", to.ToUnixTimeMilliseconds());
        }

        if (query.Outcome is { } outcome)
        {
            where.Append(" AND a.outcome = @outcome");
            parameters.Add("outcome", outcome);
        }

        if (query.MinSentiment is { } minSentiment)
        {
            where.Append(" AND a.sentiment >= @minSentiment");
            parameters.Add("minSentiment", minSentiment);
        }

        if (query.MaxSentiment is { } maxSentiment)
        {
            where.Append(" AND a.sentiment <= @maxSentiment");
            parameters.Add("maxSentiment", maxSentiment);
        }

        if (query.MinIntent is { } minIntent)
        {
            where.Append(" AND a.intent >= @minIntent");
            parameters.Add("minIntent", minIntent);
        }

        if (query.MaxIntent is { } maxIntent)
        {
            where.Append(" AND a.intent <= @maxIntent");
            parameters.Add("maxIntent", maxIntent);
        }

        parameters.Add("limit", query.PageSize);
        parameters.Add("offset", (long)(query.Page - 1) * query.PageSize);
        const string From = " FROM calls c LEFT JOIN analytics a ON a.call_id = c.id";
        await using DbConnection connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        long total = await connection.ExecuteScalarAsync<long>(new CommandDefinition(
            "SELECT COUNT(*)" + From + where, parameters, cancellationToken: cancellationToken)).ConfigureAwait(false);
        var rows = await connection.QueryAsync<CallRow>(new CommandDefinition(
            "SELECT " + SummaryColumns + From + where + " ORDER BY c.started_ms DESC, c.id LIMIT @limit OFFSET @offset",
            parameters, cancellationToken: cancellationToken)).ConfigureAwait(false);
        return new CallPage([.. rows.Select(ToSummary)], query.Page, query.PageSize, total);
    }

    /// <summary>One call with its turns, tools, errors and analysis; null when there is no such call.</summary>
    public async Task<CallDetail?> GetCallAsync(string id, CancellationToken cancellationToken)
    {
        await using DbConnection connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        CallRow? call = await connection.QuerySingleOrDefaultAsync<CallRow>(new CommandDefinition(
            "SELECT " + SummaryColumns + " FROM calls c LEFT JOIN analytics a ON a.call_id = c.id WHERE c.id = @id",
            new { id }, cancellationToken: cancellationToken)).ConfigureAwait(false);
        if (call is null)
        {
            return null;
        }

        var turns = await connection.QueryAsync<TurnRow>(new CommandDefinition(
            "SELECT * FROM turns WHERE call_id = @id ORDER BY seq", new { id }, cancellationToken: cancellationToken)).ConfigureAwait(false);
        var tools = await connection.QueryAsync<ToolRow>(new CommandDefinition(
            "SELECT * FROM tool_calls WHERE call_id = @id ORDER BY seq", new { id }, cancellationToken: cancellationToken)).ConfigureAwait(false);
        var errors = await connection.QueryAsync<ErrorRow>(new CommandDefinition(
            "SELECT * FROM call_errors WHERE call_id = @id ORDER BY seq", new { id }, cancellationToken: cancellationToken)).ConfigureAwait(false);
        AnalysisRow? analysis = await connection.QuerySingleOrDefaultAsync<AnalysisRow>(new CommandDefinition(
            "SELECT * FROM analytics WHERE call_id = @id", new { id }, cancellationToken: cancellationToken)).ConfigureAwait(false);

        return new CallDetail(
            ToSummary(call),
            new CallerInfo(call.Caller_Ip_Hash, call.Caller_User_Agent, call.Caller_Phone),
            new CallUsage(call.Input_Tokens, call.Output_Tokens),
            [.. turns.Select(ToTurn)],
            [.. tools.Select(ToTool)],
            [.. errors.Select(e => new CallErrorRecord(e.At_Ms, e.Code, e.Message))],
            analysis is null ? null : ToAnalysis(analysis));
    }

    /// <summary>The recording's file name (inside the recordings folder), or null.</summary>
    public async Task<string?> GetRecordingFileAsync(string id, CancellationToken cancellationToken)
    {
        await using DbConnection connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        return await connection.QuerySingleOrDefaultAsync<string?>(new CommandDefinition(
            "SELECT recording_file FROM calls WHERE id = @id", new { id }, cancellationToken: cancellationToken)).ConfigureAwait(false);
    }

    /// <summary>Deletes the call and everything of it; returns whether it existed, and its recording's file name.</summary>
    public async Task<(bool Found, string? RecordingFile)> DeleteCallAsync(string id, CancellationToken cancellationToken)
    {
        await using DbConnection connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using DbTransaction transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        var row = await connection.QuerySingleOrDefaultAsync<CallRow>(new CommandDefinition(
            "SELECT id, recording_file FROM calls WHERE id = @id", new { id }, transaction, cancellationToken: cancellationToken)).ConfigureAwait(false);
        if (row is null)
        {
            return (false, null);
        }

        // Children first, so the delete does not depend on the connection's foreign-key setting.
        foreach (string table in (string[])["turns", "tool_calls", "call_errors", "analytics"])
        {
            await connection.ExecuteAsync(new CommandDefinition(
                $"DELETE FROM {table} WHERE call_id = @id", new { id }, transaction, cancellationToken: cancellationToken)).ConfigureAwait(false);
        }

        await connection.ExecuteAsync(new CommandDefinition("DELETE FROM calls WHERE id = @id", new { id }, transaction, cancellationToken: cancellationToken)).ConfigureAwait(false);
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return (true, row.Recording_File);
    }

    /// <summary>Recordings of calls that started before <paramref name="before"/>, for the retention sweep.</summary>
    internal async Task<IReadOnlyList<(string Id, string File)>> RecordingsBeforeAsync(DateTimeOffset before, CancellationToken cancellationToken)
    {
        await using DbConnection connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        var rows = await connection.QueryAsync<CallRow>(new CommandDefinition(
            "SELECT id, recording_file FROM calls WHERE recording_file IS NOT NULL AND started_ms < @before",
            new { before = before.ToUnixTimeMilliseconds() }, cancellationToken: cancellationToken)).ConfigureAwait(false);
        return [.. rows.Select(r => (r.Id, r.Recording_File!))];
    }

    internal static async Task QueueAnalysisAsync(DbConnection connection, DbTransaction? transaction, string callId, CancellationToken cancellationToken)
    {
        await connection.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO analytics (call_id, status, attempts, next_attempt_ms) VALUES (@callId, @pending, 0, 0)
            ON CONFLICT (call_id) DO UPDATE SET status = @pending, attempts = 0, next_attempt_ms = 0, claimed_until_ms = NULL, error = NULL
            """,
            new { callId, pending = AnalysisStatus.Pending }, transaction, cancellationToken: cancellationToken)).ConfigureAwait(false);
    }

    internal long NowMs() => time.GetUtcNow().ToUnixTimeMilliseconds();

    private static CallSummary ToSummary(CallRow row) => new(
        row.Id,
        DateTimeOffset.FromUnixTimeMilliseconds(row.Started_Ms),
        row.Ended_Ms is long ended ? DateTimeOffset.FromUnixTimeMilliseconds(ended) : null,
        row.Ended_Ms - row.Started_Ms,
        row.Transport,
        row.Upstream_Kind,
        row.Upstream_Model,
        row.End_Reason,
        row.Close_Code is long code ? (int)code : null,
        row.Recording_File is not null,
        row.Status,
        row.Sentiment,
        row.Intent is long intent ? (int)intent : null,
        row.Outcome,
        row.Summary);

    private static TurnRecord ToTurn(TurnRow row) => new(
        (int)row.Seq, row.Role, row.Item_Id, row.Text, row.Start_Ms, row.End_Ms, row.Interrupted != 0, row.Cut_Off_Ms,
        row.Latency_Transcript_Ms is null && row.Latency_Sent_Ms is null && row.Latency_Heard_Ms is null
            ? null
            : new TurnLatency(row.Latency_Transcript_Ms, row.Latency_Sent_Ms, row.Latency_Heard_Ms));

    private static ToolCallRecord ToTool(ToolRow row) => new(
        (int)row.Seq, row.Tool_Call_Id, row.Name, Json.Element(row.Arguments), row.Result is null ? null : Json.Element(row.Result), row.Started_Ms, row.Ended_Ms);

    internal static CallAnalysis ToAnalysis(AnalysisRow row) => new(
        row.Status,
        (int)row.Attempts,
        row.Scorer,
        row.Sentiment,
        row.Intent is long intent ? (int)intent : null,
        row.Outcome,
        row.Summary,
        row.Evidence is null ? [] : JsonSerializer.Deserialize(row.Evidence, CallsJsonContext.Default.ScoreEvidenceArray) ?? [],
        row.Error,
        row.Scored_Ms is long scored ? DateTimeOffset.FromUnixTimeMilliseconds(scored) : null);
}
