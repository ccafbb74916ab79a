using Voxgate.Server.Tests.Hosting;

namespace Voxgate.Server.Tests.Realtime;

/// <summary>One Voxgate host with the local engine and an API key, shared by the realtime endpoint tests.</summary>
public sealed class RealtimeServerFixture : IAsyncLifetime
{
    public const string Key = "test-key-123";

    private TestServer? _server;

    public Uri Address => _server!.Address;

    internal TestServer Server => _server!;

    public async Task InitializeAsync() => _server = await TestServer.StartAsync($"--Realtime:ApiKeys:0={Key}");

    public async Task DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
    }
}

[CollectionDefinition(Name)]
public sealed class SharedRealtimeServer : ICollectionFixture<RealtimeServerFixture>
{
    public const string Name = "realtime server";
}
