using System.Data.Common;
using System.Reflection;
using Dapper;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Voxgate.Calls.Store;

/// <summary>
/// The store's connections: SQLite or PostgreSQL, migrated to the newest schema before the first connection is
/// handed out. Every query in Voxgate.Calls is written once and runs on both.
/// </summary>
public sealed class CallDatabase : IAsyncDisposable
{
    private const string MigrationResourcePrefix = "Voxgate.Calls.Migrations.";

    // Any number that is ours alone: instances starting together on one PostgreSQL migrate one at a time.
    private const long MigrationLockKey = 0x566F_7867_6174_6501;

    private readonly StoreOptions _options;
    private readonly ILogger _logger;
    private readonly NpgsqlDataSource? _postgres;
    private readonly string? _sqlite;
    private readonly Lazy<Task> _ready;

    public CallDatabase(IOptions<StoreOptions> options, ILogger<CallDatabase> logger)
    {
        _options = options.Value;
        _logger = logger;
        Provider = _options.Provider;
        if (Provider == DatabaseProvider.PostgreSql)
        {
            _postgres = NpgsqlDataSource.Create(_options.ConnectionString!);
        }
        else
        {
            _sqlite = SqliteConnectionString(_options);
        }

        _ready = new Lazy<Task>(() => MigrateAsync(CancellationToken.None), LazyThreadSafetyMode.ExecutionAndPublication);
    }

    /// <summary>Which database this is.</summary>
    public DatabaseProvider Provider { get; }

    /// <summary>This instance's name in the store (<see cref="StoreOptions.InstanceId"/>).</summary>
    public string InstanceId => _options.InstanceId;

    /// <summary>Applies pending migrations once; every caller waits for the same run.</summary>
    public Task EnsureReadyAsync(CancellationToken cancellationToken) => _ready.Value.WaitAsync(cancellationToken);

    /// <summary>Opens a connection to the migrated store.</summary>
    public async ValueTask<DbConnection> OpenAsync(CancellationToken cancellationToken)
    {
        await EnsureReadyAsync(cancellationToken).ConfigureAwait(false);
        return await OpenRawAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Whether <paramref name="exception"/> is the database refusing a duplicate key.</summary>
    public static bool IsUniqueViolation(Exception exception) => exception switch
    {
        PostgresException pg => pg.SqlState == PostgresErrorCodes.UniqueViolation,
        SqliteException sqlite => sqlite.SqliteErrorCode == 19 && sqlite.SqliteExtendedErrorCode is 2067 or 1555,
        _ => false,
    };

    public async ValueTask DisposeAsync()
    {
        if (_postgres is not null)
        {
            await _postgres.DisposeAsync().ConfigureAwait(false);
        }
    }

    private async ValueTask<DbConnection> OpenRawAsync(CancellationToken cancellationToken)
    {
        if (_postgres is not null)
        {
            return await _postgres.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        }

        var connection = new SqliteConnection(_sqlite);
        await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
        return connection;
    }

    private async Task MigrateAsync(CancellationToken cancellationToken)
    {
        string folder = Provider == DatabaseProvider.PostgreSql ? "postgres/" : "sqlite/";
        Assembly assembly = typeof(CallDatabase).Assembly;
        var migrations = assembly.GetManifestResourceNames()
            .Where(n => n.StartsWith(MigrationResourcePrefix + folder, StringComparison.Ordinal))
            .Select(n => (Resource: n, Name: n[(MigrationResourcePrefix.Length + folder.Length)..]))
            .Select(m => (m.Resource, m.Name, Version: int.Parse(m.Name.AsSpan(0, m.Name.IndexOf('_', StringComparison.Ordinal)), System.Globalization.CultureInfo.InvariantCulture)))
            .OrderBy(m => m.Version)
            .ToList();

        await using DbConnection connection = await OpenRawAsync(cancellationToken).ConfigureAwait(false);
        if (Provider == DatabaseProvider.Sqlite)
        {
            // WAL lets the dashboard read while the writer writes; it is a property of the file, set once.
            await connection.ExecuteAsync("PRAGMA journal_mode=WAL;").ConfigureAwait(false);
        }

        await using DbTransaction transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        if (Provider == DatabaseProvider.PostgreSql)
        {
            await connection.ExecuteAsync("SELECT pg_advisory_xact_lock(@key)", new { key = MigrationLockKey }, transaction).ConfigureAwait(false);
        }

        await connection.ExecuteAsync(
            "CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_ms BIGINT NOT NULL)",
            transaction: transaction).ConfigureAwait(false);
        var applied = (await connection.QueryAsync<long>("SELECT version FROM schema_migrations", transaction: transaction).ConfigureAwait(false)).ToHashSet();
        foreach ((string resource, string name, int version) in migrations)
        {
            if (applied.Contains(version))
            {
                continue;
            }

            string sql;
            using (var reader = new StreamReader(assembly.GetManifestResourceStream(resource)!))
            {
                sql = await reader.ReadToEndAsync(cancellationToken).ConfigureAwait(false);
            }

            await connection.ExecuteAsync(sql, transaction: transaction).ConfigureAwait(false);
            await connection.ExecuteAsync(
                "INSERT INTO schema_migrations (version, name, applied_ms) VALUES (@version, @name, @now)",
                new { version, name, now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() },
                transaction).ConfigureAwait(false);
            Log.MigrationApplied(_logger, name, Provider);
        }

        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
    }

    private static string SqliteConnectionString(StoreOptions options)
    {
        var builder = string.IsNullOrWhiteSpace(options.ConnectionString)
            ? new SqliteConnectionStringBuilder { DataSource = options.SqlitePath }
            : new SqliteConnectionStringBuilder(options.ConnectionString);
        if (builder.DataSource != ":memory:" && !string.IsNullOrEmpty(builder.DataSource) && builder.Mode != SqliteOpenMode.Memory)
        {
            builder.DataSource = Path.GetFullPath(builder.DataSource, AppContext.BaseDirectory);
            Directory.CreateDirectory(Path.GetDirectoryName(builder.DataSource)!);
        }

        builder.ForeignKeys = true;

        // Writers wait for each other (busy timeout) instead of failing.
        builder.DefaultTimeout = Math.Max(builder.DefaultTimeout, 30);
        return builder.ToString();
    }
}
