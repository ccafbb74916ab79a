using System.ComponentModel.DataAnnotations;
using System.Data.Common;

namespace Voxgate.Calls.Store;

/// <summary>Where calls, turns, analytics and appointments are kept (configuration section <c>Store</c>).</summary>
public sealed class StoreOptions : IValidatableObject
{
    /// <summary>The configuration section these options bind to.</summary>
    public const string SectionName = "Store";

    /// <summary>
    /// An ADO.NET connection string. With a <c>Host</c> key it is PostgreSQL (<c>Host=db;Database=voxgate;Username=…;Password=…</c>);
    /// otherwise SQLite (<c>Data Source=/var/lib/voxgate/voxgate.db</c>). Empty: SQLite at <see cref="SqlitePath"/>.
    /// </summary>
    public string? ConnectionString { get; set; }

    /// <summary>The SQLite file used when no connection string is set; relative paths are next to the executable.</summary>
    [Required]
    public string SqlitePath { get; set; } = "data/voxgate.db";

    /// <summary>
    /// Names this instance in the store. At start-up the calls this instance left open are closed as
    /// <c>interrupted</c>, so instances sharing one PostgreSQL need distinct names (the machine name by default).
    /// </summary>
    [Required]
    [MaxLength(200)]
    public string InstanceId { get; set; } = Environment.MachineName;

    /// <summary>
    /// Record notes (turns, tool calls, ends…) held while the store is unreachable, written in order once it is back.
    /// Past this many the oldest are dropped, counted and logged.
    /// </summary>
    [Range(100, 10_000_000)]
    public int OutageBacklog { get; set; } = 50_000;

    /// <summary>How often the writer tries the store again while it is unreachable.</summary>
    [Range(typeof(TimeSpan), "00:00:00.050", "00:10:00")]
    public TimeSpan OutageRetry { get; set; } = TimeSpan.FromSeconds(1);
    /// <summary>How often this instance writes its heartbeat (and reads the store's figures for the metrics).</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "00:05:00")]
    public TimeSpan HeartbeatInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// An instance whose heartbeat is older than this is dead: any other instance closes its open calls as
    /// <c>interrupted</c>. At least three heartbeats, so one slow write is not taken for a death.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00.300", "01:00:00")]
    public TimeSpan InstanceTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>The provider the connection string selects.</summary>
    public DatabaseProvider Provider => IsPostgreSql(ConnectionString) ? DatabaseProvider.PostgreSql : DatabaseProvider.Sqlite;

    /// <inheritdoc />
    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (InstanceTimeout < HeartbeatInterval * 3)
        {
            yield return new ValidationResult(
                $"Store:InstanceTimeout ({InstanceTimeout}) must be at least three Store:HeartbeatIntervals ({HeartbeatInterval}), or a slow beat would be taken for a dead instance.",
                [nameof(InstanceTimeout)]);
        }

        if (string.IsNullOrWhiteSpace(ConnectionString))
        {
            yield break;
        }

        string? problem = null;
        try
        {
            _ = new DbConnectionStringBuilder { ConnectionString = ConnectionString };
        }
        catch (ArgumentException ex)
        {
            problem = ex.Message;
        }

        if (problem is not null)
        {
            yield return new ValidationResult($"Store:ConnectionString is not a connection string ({problem}).", [nameof(ConnectionString)]);
        }
    }

    private static bool IsPostgreSql(string? connectionString)
    {
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            return false;
        }

        try
        {
            var builder = new DbConnectionStringBuilder { ConnectionString = connectionString };
            return builder.ContainsKey("Host") || builder.ContainsKey("Server");
        }
        catch (ArgumentException)
        {
            return false;
        }
    }
}
