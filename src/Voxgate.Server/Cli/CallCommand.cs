using System.CommandLine;
using System.Text.Json;

namespace Voxgate.Server.Cli;

/// <summary><c>voxgate call</c>: one spoken turn against a running gateway, as a smoke test of a deployment.</summary>
internal static class CallCommand
{
    public static Command Create()
    {
        var url = new Option<string>("--url") { Description = "The gateway to call (ws:// or wss://).", DefaultValueFactory = _ => "ws://127.0.0.1:8080/ws" };
        var wav = new Option<FileInfo>("--wav") { Description = "What to say: a WAV file at any rate (it is converted to 24 kHz mono).", Required = true };
        var output = new Option<FileInfo?>("--out") { Description = "Where to save the agent's reply as a WAV file." };
        var token = new Option<string?>("--token") { Description = "A client or session token, if the gateway requires one." };
        var json = new Option<bool>("--json") { Description = "Print the result as JSON." };
        var timeout = new Option<int>("--timeout") { Description = "Seconds to wait for the reply after speaking.", DefaultValueFactory = _ => 30 };

        var command = new Command("call", "Stream a WAV file to a gateway in real time and print what was heard and said.") { url, wav, output, token, json, timeout };
        command.SetAction(async (parse, cancellationToken) =>
        {
            TextWriter stdout = parse.InvocationConfiguration.Output;
            TextWriter stderr = parse.InvocationConfiguration.Error;
            if (!Uri.TryCreate(parse.GetValue(url), UriKind.Absolute, out Uri? gateway) || gateway.Scheme is not ("ws" or "wss"))
            {
                await stderr.WriteLineAsync($"voxgate call: --url {parse.GetValue(url)} is not a ws:// or wss:// address.").ConfigureAwait(false);
                return 1;
            }

            CallResult result;
            try
            {
                var call = new GatewayCall(gateway, parse.GetValue(token), TimeSpan.FromSeconds(parse.GetValue(timeout)));
                result = await call.RunAsync(parse.GetValue(wav)!.FullName, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is InvalidDataException or IOException or System.Net.WebSockets.WebSocketException or TimeoutException or CallFailedException or UnauthorizedAccessException)
            {
                await stderr.WriteLineAsync($"voxgate call: {ex.Message}").ConfigureAwait(false);
                return 1;
            }

            if (parse.GetValue(output) is { } file)
            {
                Voxgate.Audio.WavFile.Write(file.FullName, result.ReplyAudio());
            }

            if (parse.GetValue(json))
            {
                await stdout.WriteLineAsync(JsonSerializer.Serialize(result, CallJsonContext.Default.CallResult)).ConfigureAwait(false);
            }
            else
            {
                await stdout.WriteLineAsync($"you:     {result.UserTranscript}").ConfigureAwait(false);
                await stdout.WriteLineAsync($"agent:   {result.AgentTranscript}").ConfigureAwait(false);
                await stdout.WriteLineAsync($"latency: {result.LatencyMs} ms from the end of your speech to the first reply audio (server: {result.ServerLatencyMs?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "?"} ms after its silence window)").ConfigureAwait(false);
                await stdout.WriteLineAsync($"reply:   {result.ReplyMs} ms of audio, {result.Status}").ConfigureAwait(false);
            }

            return result.Status == "completed" && result.ReplyMs > 0 ? 0 : 1;
        });
        return command;
    }
}
