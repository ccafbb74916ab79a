namespace Voxgate.Calls.Store;

/// <summary>Which database holds the calls and appointments.</summary>
public enum DatabaseProvider
{
    /// <summary>A local SQLite file (the default).</summary>
    Sqlite,

    /// <summary>A PostgreSQL server, shared by any number of Voxgate instances.</summary>
    PostgreSql,
}
