using Microsoft.Extensions.Options;
using Voxgate.Realtime.Server;
using Voxgate.Server.Calls;
using Voxgate.Server.Gateway;
using Voxgate.Server.Health;
using Voxgate.Server.Telemetry;
using Voxgate.Server.Upstream;

namespace Voxgate.Server.Hosting;

/// <summary>Builds the ASP.NET Core application: configuration, options, services and endpoints.</summary>
internal static class VoxgateHost
{
    /// <summary>Environment variables with this prefix are configuration: VOXGATE__Engine__Voice=rms.</summary>
    public const string EnvironmentPrefix = "VOXGATE__";

    public static WebApplication Build(string[] args, string? urls)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            Args = args,
            ContentRootPath = AppContext.BaseDirectory,
        });
        builder.Configuration.AddEnvironmentVariables(EnvironmentPrefix);
        builder.Configuration.AddCommandLine(args);
        if (!string.IsNullOrEmpty(urls))
        {
            builder.WebHost.UseUrls(urls);
        }

        // Continuations run on the I/O thread: measured to double relay capacity on 2 cores. The price is that
        // nothing heavy may run inline, so speech work is always handed to workers.
        builder.WebHost.UseSockets(o => o.UnsafePreferInlineScheduling = true);
        builder.Logging.AddSimpleConsole(o =>
        {
            o.SingleLine = true;
            o.TimestampFormat = "HH:mm:ss.fff ";
        });
        // Calls may drain for Gateway:DrainTimeout, then get 10 s to say goodbye and close.
        builder.Services.AddOptions<HostOptions>().Configure<IOptions<GatewayOptions>>((host, gateway) => host.ShutdownTimeout = gateway.Value.DrainTimeout + TimeSpan.FromSeconds(10));

        builder.Services.AddRealtimeUpstream(builder.Configuration);
        builder.Services.AddRealtimeApi(builder.Configuration);
        builder.Services.AddGateway();

        // Calls: records, recordings, appointments, scoring, the calls API and the dashboard (Calls/).
        builder.Services.AddCallsDashboard(builder.Configuration);

        builder.Services.AddVoxgateHealth();
        builder.Services.AddVoxgateTelemetry(builder.Configuration);

        var app = builder.Build();
        app.UseDefaultFiles();
        app.UseStaticFiles();
        app.UseWebSockets();
        app.MapGateway();
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
}
