using System.Net.WebSockets;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Voxgate.Realtime.Abstractions;
using Voxgate.Realtime.Protocol;

namespace Voxgate.Realtime.Server;

/// <summary>Handles one request to <c>/v1/realtime</c>: refuse before the upgrade, or accept and relay.</summary>
internal static class RealtimeApiEndpoint
{
    public static async Task HandleAsync(HttpContext context)
    {
        IServiceProvider services = context.RequestServices;
        RealtimeApiOptions options = services.GetRequiredService<IOptions<RealtimeApiOptions>>().Value;
        ILogger logger = services.GetRequiredService<ILoggerFactory>().CreateLogger("Voxgate.Realtime");
        if (!context.WebSockets.IsWebSocketRequest)
        {
            await RefuseAsync(context, StatusCodes.Status426UpgradeRequired, "websocket_required", "This endpoint speaks the Realtime API over WebSocket.").ConfigureAwait(false);
            return;
        }

        if (!RealtimeHandshake.TryAuthorize(context, options.ApiKeys, services.GetRequiredService<RealtimeClientSecrets>(), out JsonObject? boundSession))
        {
            Log.Refused(logger, "missing or wrong API key or client secret");
            await RefuseAsync(context, StatusCodes.Status401Unauthorized, "invalid_api_key", "Incorrect, expired or missing API key or client secret. Send it as 'Authorization: Bearer <key>', an 'api-key' header, or the 'openai-insecure-api-key.<key>' subprotocol.").ConfigureAwait(false);
            return;
        }

        var handshake = RealtimeHandshake.Read(context, options.AllowBetaDialect);
        RealtimeApiTelemetry? metrics = services.GetService<RealtimeApiTelemetry>();
        var telemetry = metrics is null ? RealtimeSessionTelemetry.None : new RealtimeSessionTelemetry(metrics, handshake.Dialect.Name, metrics.UpstreamName);
        var accept = new WebSocketAcceptContext { SubProtocol = handshake.SubProtocol, KeepAliveInterval = options.KeepAliveInterval };
        if (handshake.BetaRequested && !options.AllowBetaDialect)
        {
            // What api.openai.com does now: accept, explain, close with 4000.
            using WebSocket refused = await context.WebSockets.AcceptWebSocketAsync(accept).ConfigureAwait(false);
            using var writer = new ServerEventWriter(handshake.Dialect);
            writer.Write(new ProtocolError("beta_api_shape_disabled", "The beta Realtime API shape is disabled on this server; use the GA shape.", null, null));
            await refused.SendAsync(writer.Frame(0), WebSocketMessageType.Text, true, context.RequestAborted).ConfigureAwait(false);
            await refused.CloseOutputAsync((WebSocketCloseStatus)4000, "beta_api_shape_disabled", context.RequestAborted).ConfigureAwait(false);
            return;
        }

        IRealtimeClientSession session;
        try
        {
            session = await services.GetRequiredService<IRealtimeClient>().CreateSessionAsync(InitialOptions(handshake, boundSession), context.RequestAborted).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            Log.SessionStartFailed(logger, ex);
            telemetry.UpstreamError("upstream_unavailable");
            await RefuseAsync(context, StatusCodes.Status503ServiceUnavailable, "upstream_unavailable", "The model is not available right now.", ProtocolError.ServerError).ConfigureAwait(false);
            return;
        }

        await using (session.ConfigureAwait(false))
        {
            using WebSocket socket = await context.WebSockets.AcceptWebSocketAsync(accept).ConfigureAwait(false);
            string connectionId = context.TraceIdentifier;
            Log.Opened(logger, connectionId, handshake.Dialect.Name, handshake.Model);
            telemetry.Opened(connectionId);
            using var relay = new RealtimeSessionRelay(socket, session, handshake, options, logger, connectionId, telemetry);
            try
            {
                RelayEnd end = await relay.RunAsync(context.RequestAborted).ConfigureAwait(false);
                Log.Closed(logger, connectionId, end);
            }
            finally
            {
                // Counted closed once whatever happened; a no-op when the relay already reported its close.
                telemetry.Closed(RelayEnd.Aborted, null);
            }
        }
    }

    /// <summary>
    /// What the session starts as: the configuration bound to the client secret, if one opened it; a transcription
    /// session for <c>?intent=transcription</c>; the <c>?model=</c> asked for, which the session reports back.
    /// </summary>
    private static ExtendedRealtimeSessionOptions InitialOptions(RealtimeHandshake handshake, JsonObject? boundSession)
    {
        var session = (JsonObject?)boundSession?.DeepClone() ?? [];
        if (session["type"] is null)
        {
            session["type"] = handshake.Transcription ? "transcription" : "realtime";
        }

        if (handshake.Model is { Length: > 0 } model && session["model"] is null && (string?)session["type"] == "realtime")
        {
            session["model"] = model;
        }

        // The secret's session was checked when it was minted, and the model is a plain string: this cannot fail.
        return ClientEventMapper.SessionOptions(session, "session");
    }

    private static async Task RefuseAsync(HttpContext context, int status, string code, string message, string type = ProtocolError.InvalidRequest)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json";
        await JsonSerializer.SerializeAsync(context.Response.Body, new HttpErrorBody(new HttpError(type, code, message, null)), RealtimeJsonContext.Default.HttpErrorBody, context.RequestAborted).ConfigureAwait(false);
    }
}
