namespace Voxgate.Calls.Tests.TestSupport;

/// <summary>The tests that share one private PostgreSQL; they run one class at a time.</summary>
[CollectionDefinition(Name)]
public sealed class PostgresTests : ICollectionFixture<PostgresServer>
{
    public const string Name = "postgres";
}
