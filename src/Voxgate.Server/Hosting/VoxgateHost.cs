using Microsoft.Extensions.Options;
using Voxgate.Realtime.Server;
using Voxgate.Server.Calls;
using Voxgate.Server.Gateway;
using Voxgate.Server.Health;
using Voxgate.Server.Telemetry;
using Voxgate.Server.Telephony;
using Voxgate.Server.Upstream;

namespace Voxgate.Server.Hosting;

/// <summary>Builds the ASP.NET Core application: configuration, options, services and endpoints.</summary>
internal static class VoxgateHost
{
    /// <summary>Environment variables with this prefix are configuration: VOXGATE__Engine__Voice=rms.</summary>
    public const string EnvironmentPrefix = "VOXGATE__";

    /// <summary>Builds the host from <c>appsettings.json</c>, the environment and <paramref name="args"/>.</summary>
    /// <param name="args">Command-line settings (<c>--Section:Key=value</c>), which win.</param>
    /// <param name="urls">Where to listen, or null for the configured default.</param>
    /// <param name="environment">
    /// The environment variables to read instead of the process's (<c>VOXGATE__…</c> and <c>OPENAI_API_KEY</c>), so a test
    /// host sees only what its test gives it; null reads the process's own.
    /// </param>
    /// <param name="logging">More logging set-up, after the console's (a test's capturing provider).</param>
    public static WebApplication Build(string[] args, string? urls, IReadOnlyDictionary<string, string>? environment = null, Action<ILoggingBuilder>? logging = null)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            Args = args,
            ContentRootPath = AppContext.BaseDirectory,
        });
        if (environment is null)
        {
            builder.Configuration.AddEnvironmentVariables(EnvironmentPrefix);
        }
        else
        {
            builder.Configuration.Sources.Clear();
            builder.Configuration.AddJsonFile(Path.Combine(AppContext.BaseDirectory, "appsettings.json"), optional: true);
            builder.Configuration.AddInMemoryCollection(FromEnvironment(environment));
        }

        builder.Configuration.AddCommandLine(args);
        if (!string.IsNullOrEmpty(urls))
        {
            builder.WebHost.UseUrls(urls);
        }

        // Kestrel's continuations run on the thread that completed the read: fewer hops for every relayed frame. The
        // price is that nothing heavy may run inline, so speech work is always handed to workers. Socket inline
        // completions (DOTNET_SYSTEM_NET_SOCKETS_INLINE_COMPLETIONS) stay off: on the socket engine's own thread,
        // Npgsql's synchronous column reads under Dapper wait for that thread and freeze it (docs/deployment.md).
        builder.WebHost.UseSockets(o => o.UnsafePreferInlineScheduling = true);
        builder.Logging.AddSimpleConsole(o =>
        {
            o.SingleLine = true;
            o.TimestampFormat = "HH:mm:ss.fff ";
        });
        logging?.Invoke(builder.Logging);
        // Calls may drain for Gateway:DrainTimeout, then get 10 s to say goodbye and close.
        builder.Services.AddOptions<HostOptions>().Configure<IOptions<GatewayOptions>>((host, gateway) => host.ShutdownTimeout = gateway.Value.DrainTimeout + TimeSpan.FromSeconds(10));

        builder.Services.AddRealtimeUpstream(builder.Configuration);
        builder.Services.AddRealtimeApi(builder.Configuration);
        builder.Services.AddGateway();

        // Phone callers: Twilio Media Streams and Telnyx media streaming on the same relay (Telephony/).
        builder.Services.AddTelephony();

        // Calls: records, recordings, appointments, scoring, the calls API and the dashboard (Calls/).
        builder.Services.AddCallsDashboard(builder.Configuration);

        builder.Services.AddVoxgateHealth();
        builder.Services.AddVoxgateTelemetry(builder.Configuration);

        var app = builder.Build();
        app.UseDefaultFiles();
        app.UseStaticFiles();
        app.UseWebSockets();
        app.MapGateway();
        app.MapTelephony();
        app.MapRealtimeApi();
        app.MapCallsDashboard();
        app.MapVoxgateHealth();
        app.MapVoxgateTelemetry();
        ILogger logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("Voxgate");
        app.Lifetime.ApplicationStarted.Register(() => Log.Listening(logger, app.Urls));
        TimeSpan drain = app.Services.GetRequiredService<IOptions<GatewayOptions>>().Value.DrainTimeout;
        app.Lifetime.ApplicationStopping.Register(() => Log.Stopping(logger, drain.TotalSeconds));
        return app;
    }

    /// <summary>Configuration from environment variables, read as the process's are: <c>VOXGATE__A__B</c> is <c>A:B</c>.</summary>
    private static IEnumerable<KeyValuePair<string, string?>> FromEnvironment(IReadOnlyDictionary<string, string> environment)
    {
        foreach ((string name, string value) in environment)
        {
            if (name.StartsWith(EnvironmentPrefix, StringComparison.OrdinalIgnoreCase))
            {
                yield return new(name[EnvironmentPrefix.Length..].Replace("__", ":", StringComparison.Ordinal), value);
            }
            else if (name == Upstream.UpstreamOptions.OpenAIKeyVariable)
            {
                yield return new(name, value);
            }
        }
    }
}
