using Microsoft.Extensions.Logging;
using Voxgate.Server.Hosting;

namespace Voxgate.Server.Tests.Hosting;

/// <summary>A real Voxgate host on a free loopback port.</summary>
internal sealed class TestServer : IAsyncDisposable
{
    // A test host reads none of the machine's environment: a developer's OPENAI_API_KEY must never reach a test.
    private static readonly Dictionary<string, string> NoEnvironment = [];

    private readonly WebApplication _app;
    private readonly string _data;

    private TestServer(WebApplication app, Uri address, string data)
    {
        _app = app;
        _data = data;
        Address = address;
        Http = new HttpClient { BaseAddress = address, Timeout = TimeSpan.FromSeconds(30) };
    }

    public Uri Address { get; }

    public HttpClient Http { get; }

    public IServiceProvider Services => _app.Services;

    public static Task<TestServer> StartAsync(params string[] configuration) => StartAsync(null, configuration);

    /// <summary>A host whose logs also go to <paramref name="logs"/> (warnings and above, as the console's).</summary>
    public static async Task<TestServer> StartAsync(ILoggerProvider? logs, params string[] configuration)
    {
        // Each host keeps its calls in a folder of its own, so parallel hosts never share a store.
        string data = Directory.CreateTempSubdirectory("voxgate-host-").FullName;
        WebApplication app = VoxgateHost.Build(
            ["--Logging:LogLevel:Default=Warning", $"--Store:SqlitePath={data}/voxgate.db", $"--Recording:Folder={data}/recordings", .. configuration],
            "http://127.0.0.1:0",
            NoEnvironment,
            logs is null ? null : b => b.AddProvider(logs));
        await app.StartAsync();
        return new TestServer(app, new Uri(app.Urls.First()), data);
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(_data, recursive: true);
        }
        catch (IOException)
        {
            // A file still held by a finishing writer; the system's temp cleaner takes it later.
        }
    }
}
