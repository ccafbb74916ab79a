using System.Data.Common;
using Dapper;

namespace Voxgate.Calls.Store;

/// <summary>
/// The <c>instances</c> table: each running Voxgate's heartbeat, so that instances sharing a store can tell which of
/// them died with calls open (<see cref="InstanceHeartbeat"/>), and what the store holds for the metrics.
/// </summary>
public sealed class InstanceRegistry(CallDatabase database)
{
    /// <summary>This instance's beat: it is alive now, and has been since <paramref name="startedMs"/>.</summary>
    public async Task BeatAsync(long startedMs, long nowMs, CancellationToken cancellationToken)
    {
        await using DbConnection connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await connection.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO instances (id, started_ms, heartbeat_ms, stopped_ms) VALUES (@id, @startedMs, @nowMs, NULL)
            ON CONFLICT (id) DO UPDATE SET started_ms = excluded.started_ms, heartbeat_ms = excluded.heartbeat_ms, stopped_ms = NULL
            """,
            new { id = database.InstanceId, startedMs, nowMs }, cancellationToken: cancellationToken)).ConfigureAwait(false);
    }

    /// <summary>This instance stopped on purpose (its calls were ended and written first).</summary>
    public async Task StoppedAsync(long nowMs, CancellationToken cancellationToken)
    {
        await using DbConnection connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await connection.ExecuteAsync(new CommandDefinition(
            "UPDATE instances SET stopped_ms = @nowMs WHERE id = @id",
            new { id = database.InstanceId, nowMs }, cancellationToken: cancellationToken)).ConfigureAwait(false);
    }

    /// <summary>
    /// Other instances whose last beat is older than <paramref name="deadBeforeMs"/> and that still have open calls.
    /// Only instances that ever beat count: the calls of one that never did (an older Voxgate) are left to its own restart.
    /// </summary>
    public async Task<IReadOnlyList<string>> DeadWithOpenCallsAsync(long deadBeforeMs, CancellationToken cancellationToken)
    {
        await using DbConnection connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        var dead = await connection.QueryAsync<string>(new CommandDefinition(
            """
            SELECT i.id FROM instances i
            WHERE i.id <> @self AND i.heartbeat_ms < @deadBeforeMs
              AND EXISTS (SELECT 1 FROM calls c WHERE c.instance_id = i.id AND c.ended_ms IS NULL)
            ORDER BY i.id
            """,
            new { self = database.InstanceId, deadBeforeMs }, cancellationToken: cancellationToken)).ConfigureAwait(false);
        return [.. dead];
    }

    /// <summary>What the store holds now: live instances (beat since <paramref name="deadBeforeMs"/>) and scoring jobs by status.</summary>
    public async Task<StoreStatus> ReadStatusAsync(long deadBeforeMs, long nowMs, CancellationToken cancellationToken)
    {
        await using DbConnection connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        long alive = await connection.ExecuteScalarAsync<long>(new CommandDefinition(
            "SELECT COUNT(*) FROM instances WHERE heartbeat_ms >= @deadBeforeMs AND stopped_ms IS NULL",
            new { deadBeforeMs }, cancellationToken: cancellationToken)).ConfigureAwait(false);
        var jobs = await connection.QueryAsync<(string Status, long Count)>(new CommandDefinition(
            "SELECT status, COUNT(*) FROM analytics GROUP BY status", cancellationToken: cancellationToken)).ConfigureAwait(false);
        return new StoreStatus(nowMs, alive, jobs.ToDictionary(j => j.Status, j => j.Count, StringComparer.Ordinal));
    }
}
