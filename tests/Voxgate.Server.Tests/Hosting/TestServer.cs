using Microsoft.Extensions.Logging;
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

    public static Task<TestServer> StartAsync(params string[] configuration) => StartAsync(null, configuration);

    /// <summary>A host whose logs also go to <paramref name="logs"/> (warnings and above, as the console's).</summary>
    public static async Task<TestServer> StartAsync(ILoggerProvider? logs, params string[] configuration)
    {
        WebApplication app = VoxgateHost.Build(["--Logging:LogLevel:Default=Warning", .. configuration], "http://127.0.0.1:0", logs is null ? null : b => b.AddProvider(logs));
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
