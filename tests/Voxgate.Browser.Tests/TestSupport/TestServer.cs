using Microsoft.Extensions.DependencyInjection;
using Voxgate.Server.Hosting;
using Voxgate.Speech.Engine;

namespace Voxgate.Browser.Tests.TestSupport;

/// <summary>A real Voxgate host (the page and /ws) on a free loopback port.</summary>
internal sealed class TestServer : IAsyncDisposable
{
    private readonly WebApplication _app;

    private TestServer(WebApplication app, Uri address)
    {
        _app = app;
        Address = address;
    }

    public Uri Address { get; }

    public Uri WebSocketAddress => new UriBuilder(Address) { Scheme = "ws", Path = "/ws" }.Uri;

    /// <summary>Starts the host and loads the engine's models, so the first turn's latency is a warm one.</summary>
    public static async Task<TestServer> StartAsync(params string[] configuration)
    {
        // Each host keeps its calls in a folder of its own, so parallel hosts never share a store.
        string data = Directory.CreateTempSubdirectory("voxgate-host-").FullName;
        WebApplication app = VoxgateHost.Build(
            ["--Logging:LogLevel:Default=Warning", $"--Store:SqlitePath={data}/voxgate.db", $"--Recording:Folder={data}/recordings", .. configuration],
            "http://127.0.0.1:0",
            environment: false);
        await app.StartAsync();
        await app.Services.GetRequiredService<LocalSpeechEngine>().WarmUpAsync(2);
        return new TestServer(app, new Uri(app.Urls.First()));
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
