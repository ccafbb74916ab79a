using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Voxgate.Calls.Analytics;
using Voxgate.Calls.Appointments;
using Voxgate.Calls.Recording;
using Voxgate.Calls.Store;

namespace Voxgate.Calls.Tests.TestSupport;

/// <summary>
/// Voxgate.Calls in a host of its own, on a real SQLite file or a real PostgreSQL database, with only the settings the
/// test gives it (no environment variables, no appsettings).
/// </summary>
public sealed class CallsHost : IAsyncDisposable
{
    private readonly IHost _host;
    private readonly string _folder;
    private readonly bool _ownsFolder;

    private CallsHost(IHost host, string folder, bool ownsFolder, string connectionString)
    {
        _host = host;
        _folder = folder;
        _ownsFolder = ownsFolder;
        ConnectionString = connectionString;
    }

    public IServiceProvider Services => _host.Services;

    public string ConnectionString { get; }

    public string Folder => _folder;

    public CallRecorder Recorder => Services.GetRequiredService<CallRecorder>();

    public CallStore Store => Services.GetRequiredService<CallStore>();

    public AppointmentBook Book => Services.GetRequiredService<AppointmentBook>();

    public AppointmentTools Tools => Services.GetRequiredService<AppointmentTools>();

    public AnalysisJobs Jobs => Services.GetRequiredService<AnalysisJobs>();

    /// <summary>A connection string to a fresh store of <paramref name="provider"/> (<c>sqlite</c> or <c>postgres</c>).</summary>
    public static async Task<string> NewStoreAsync(string provider, PostgresServer postgres, string folder)
        => provider == "postgres"
            ? await postgres.CreateDatabaseAsync()
            : $"Data Source={Path.Combine(folder, "voxgate.db")}";

    public static async Task<CallsHost> StartAsync(
        string connectionString,
        TimeProvider? time = null,
        IDictionary<string, string?>? settings = null,
        Action<IServiceCollection>? services = null,
        string? folder = null,
        bool analysis = true)
    {
        bool ownsFolder = folder is null;
        folder ??= Directory.CreateTempSubdirectory("voxgate-calls-").FullName;
        var configuration = new Dictionary<string, string?>
        {
            ["Store:ConnectionString"] = connectionString,
            ["Store:InstanceId"] = "test-instance",
            ["Recording:Folder"] = Path.Combine(folder, "recordings"),
            ["Analytics:PollInterval"] = "00:00:00.200",
            ["Analytics:RetryDelay"] = "00:00:00.050",
        };
        foreach ((string key, string? value) in settings ?? new Dictionary<string, string?>())
        {
            configuration[key] = value;
        }

        HostApplicationBuilder builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(configuration);
        builder.Logging.AddSimpleConsole().SetMinimumLevel(LogLevel.Warning);
        if (time is not null)
        {
            builder.Services.AddSingleton(time);
        }

        builder.Services.AddVoxgateCalls(builder.Configuration);
        if (!analysis)
        {
            builder.Services.Remove(builder.Services.First(d => d.ImplementationType == typeof(AnalysisWorker)));
        }

        services?.Invoke(builder.Services);
        IHost host = builder.Build();
        await host.StartAsync();
        return new CallsHost(host, folder, ownsFolder, connectionString);
    }

    /// <summary>Waits until everything recorded so far is in the store and on disk.</summary>
    public Task FlushAsync() => Services.GetRequiredService<CallWriter>().FlushAsync(new CancellationTokenSource(TimeSpan.FromSeconds(30)).Token);

    /// <summary>Stops as a killed process would: nothing is drained or ended.</summary>
    public void Crash() => (_host as IDisposable)?.Dispose();

    public async ValueTask DisposeAsync()
    {
        try
        {
            await _host.StopAsync(TimeSpan.FromSeconds(20));
        }
        catch (ObjectDisposedException)
        {
        }

        _host.Dispose();
        if (_ownsFolder)
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            try
            {
                Directory.Delete(_folder, recursive: true);
            }
            catch (IOException)
            {
            }
        }
    }
}
