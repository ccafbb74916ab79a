using System.CommandLine;
using Voxgate.Server.Hosting;

namespace Voxgate.Server.Cli;

/// <summary><c>voxgate serve</c>: runs the HTTP and WebSocket server until Ctrl+C or SIGTERM.</summary>
internal static class ServeCommand
{
    public const string DefaultUrls = "http://127.0.0.1:8080";

    public static Command Create()
    {
        var urls = new Option<string>("--urls")
        {
            Description = "Where to listen, e.g. http://0.0.0.0:8080 (semicolon-separated for several).",
            DefaultValueFactory = _ => DefaultUrls,
        };
        var command = new Command("serve", "Start the server (browser gateway, realtime API, health).") { urls };

        // Anything else (e.g. --Engine:Voice=rms) is configuration, as with any ASP.NET Core host.
        command.TreatUnmatchedTokensAsErrors = false;
        command.SetAction(async (parse, cancellationToken) =>
        {
            string[] configuration = [.. parse.UnmatchedTokens];
            WebApplication app;
            try
            {
                app = VoxgateHost.Build(configuration, parse.GetValue(urls));
                await app.StartAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (Microsoft.Extensions.Options.OptionsValidationException ex)
            {
                await parse.InvocationConfiguration.Error.WriteLineAsync($"voxgate serve: invalid configuration: {string.Join(" ", ex.Failures)}").ConfigureAwait(false);
                return 2;
            }

            await using (app.ConfigureAwait(false))
            {
                await app.WaitForShutdownAsync(CancellationToken.None).ConfigureAwait(false);
            }

            return 0;
        });
        return command;
    }
}
