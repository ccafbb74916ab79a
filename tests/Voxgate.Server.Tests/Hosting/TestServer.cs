using Voxgate.Server.Hosting;

namespace Voxgate.Server.Tests.Hosting;

/// <summary>A real Voxgate host on a free loopback port.</summary>
internal sealed class TestServer : IAsyncDisposable
{
    private readonly WebApplication _app;

    private TestServer(WebApplication app, Uri address)
    {
        _app = app;
        Address = address;
        Http = new HttpClient { BaseAddress = address, Timeout = TimeSpan.FromSeconds(30) };
    }

    public Uri Address { get; }

    public HttpClient Http { get; }

    public IServiceProvider Services => _app.Services;

    /// <summary>Starts a host configured by <paramref name="configuration"/> and its appsettings.json alone: no environment variable reaches it.</summary>
    public static async Task<TestServer> StartAsync(params string[] configuration)
    {
        // Each host keeps its calls in a folder of its own, so parallel hosts never share a store.
        string data = Directory.CreateTempSubdirectory("voxgate-host-").FullName;
        WebApplication app = VoxgateHost.Build(
            ["--Logging:LogLevel:Default=Warning", $"--Store:SqlitePath={data}/voxgate.db", $"--Recording:Folder={data}/recordings", .. configuration],
            "http://127.0.0.1:0",
            environment: false);
        await app.StartAsync();
        return new TestServer(app, new Uri(app.Urls.First()));
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
