using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Voxgate.Calls.Recording;
using Voxgate.Server.Calls;

namespace Voxgate.Server.Tests.Calls;

/// <summary>
/// The calls API and the dashboard page on real Kestrel (loopback, a free port), wired exactly as VoxgateHost wires them,
/// with only the settings the test gives: no environment variables, no appsettings.json, no engine.
/// </summary>
internal sealed class CallsApiHost : IAsyncDisposable
{
    private readonly WebApplication _app;

    private CallsApiHost(WebApplication app, string folder)
    {
        _app = app;
        Folder = folder;
        Address = new Uri(app.Urls.First());
        Http = new HttpClient { BaseAddress = Address, Timeout = TimeSpan.FromSeconds(30) };
    }

    public Uri Address { get; }

    public HttpClient Http { get; }

    public string Folder { get; }

    public IServiceProvider Services => _app.Services;

    public CallRecorder Recorder => Services.GetRequiredService<CallRecorder>();

    public static async Task<CallsApiHost> StartAsync(IDictionary<string, string?>? settings = null, Action<IServiceCollection>? services = null)
    {
        string folder = Directory.CreateTempSubdirectory("voxgate-api-").FullName;
        var configuration = new Dictionary<string, string?>
        {
            ["Store:SqlitePath"] = Path.Combine(folder, "voxgate.db"),
            ["Recording:Folder"] = Path.Combine(folder, "recordings"),
            ["Analytics:PollInterval"] = "00:00:00.200",
        };
        foreach ((string key, string? value) in settings ?? new Dictionary<string, string?>())
        {
            configuration[key] = value;
        }

        WebApplicationBuilder builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions
        {
            ContentRootPath = AppContext.BaseDirectory,
            WebRootPath = Path.Combine(AppContext.BaseDirectory, "wwwroot"),
        });
        builder.Configuration.AddInMemoryCollection(configuration);
        builder.WebHost.UseKestrelCore().UseUrls("http://127.0.0.1:0");
        builder.Logging.AddSimpleConsole().SetMinimumLevel(LogLevel.Warning);
        builder.Services.AddRouting();
        builder.Services.AddCallsDashboard(builder.Configuration);
        services?.Invoke(builder.Services);
        WebApplication app = builder.Build();
        app.UseDefaultFiles();
        app.UseStaticFiles();
        app.MapCallsDashboard();
        await app.StartAsync();
        return new CallsApiHost(app, folder);
    }

    /// <summary>Waits until everything recorded so far is written.</summary>
    public Task FlushAsync() => Services.GetRequiredService<CallWriter>().FlushAsync(new CancellationTokenSource(TimeSpan.FromSeconds(30)).Token);

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(Folder, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
