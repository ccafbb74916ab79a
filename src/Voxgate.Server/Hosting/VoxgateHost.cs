using Voxgate.Realtime.Server;
using Voxgate.Server.Calls;
using Voxgate.Server.Gateway;
using Voxgate.Server.Health;
using Voxgate.Server.Telephony;
using Voxgate.Server.Upstream;

namespace Voxgate.Server.Hosting;

/// <summary>Builds the ASP.NET Core application: configuration, options, services and endpoints.</summary>
internal static class VoxgateHost
{
    /// <summary>Environment variables with this prefix are configuration: VOXGATE__Engine__Voice=rms.</summary>
    public const string EnvironmentPrefix = "VOXGATE__";

    /// <param name="args">The command line; its settings override every other source.</param>
    /// <param name="urls">Where to listen, or null for the configured default.</param>
    /// <param name="environment">Whether environment variables configure the host; a test host reads only what the test gives it.</param>
    public static WebApplication Build(string[] args, string? urls, bool environment = true)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            Args = args,
            ContentRootPath = AppContext.BaseDirectory,
        });
        if (environment)
        {
            builder.Configuration.AddEnvironmentVariables(EnvironmentPrefix);
        }
        else
        {
            // The builder reads every environment variable by default (OPENAI_API_KEY, VOXGATE__…): drop those sources.
            foreach (IConfigurationSource source in builder.Configuration.Sources.OfType<Microsoft.Extensions.Configuration.EnvironmentVariables.EnvironmentVariablesConfigurationSource>().ToList())
            {
                builder.Configuration.Sources.Remove(source);
            }
        }

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
        builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromSeconds(10));

        builder.Services.AddRealtimeUpstream(builder.Configuration);
        builder.Services.AddRealtimeApi(builder.Configuration);
        builder.Services.AddGateway();

        // Phone callers: Twilio Media Streams and Telnyx media streaming on the same relay (Telephony/).
        builder.Services.AddTelephony();

        // Calls: records, recordings, appointments, scoring, the calls API and the dashboard (Calls/).
        builder.Services.AddCallsDashboard(builder.Configuration);

        builder.Services.AddHealthChecks().AddCheck<LocalEngineHealthCheck>("engine");

        var app = builder.Build();
        app.UseDefaultFiles();
        app.UseStaticFiles();
        app.UseWebSockets();
        app.MapGateway();
        app.MapTelephony();
        app.MapRealtimeApi();
        app.MapCallsDashboard();
        app.MapHealthChecks("/healthz", new Microsoft.AspNetCore.Diagnostics.HealthChecks.HealthCheckOptions
        {
            ResponseWriter = HealthResponseWriter.WriteAsync,
        });
        ILogger logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("Voxgate");
        app.Lifetime.ApplicationStarted.Register(() => Log.Listening(logger, app.Urls));
        app.Lifetime.ApplicationStopping.Register(() => Log.Stopping(logger));
        return app;
    }
}
