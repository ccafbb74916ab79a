using System.Net.WebSockets;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Voxgate.Calls.Appointments;
using Voxgate.Calls.Recording;
using Voxgate.Realtime.WebSockets;
using Voxgate.Server.Relay;
using Voxgate.Server.Telemetry;
using Voxgate.Server.Upstream;

namespace Voxgate.Server.Gateway;

/// <summary>Maps the browser gateway: <c>/ws</c> and <c>POST /api/session</c>.</summary>
internal static partial class GatewayEndpoints
{
    private const string Subprotocol = "voxgate";

    public static IServiceCollection AddGateway(this IServiceCollection services)
    {
        services.AddOptions<GatewayOptions>()
            .BindConfiguration(GatewayOptions.SectionName)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddSingleton<SessionTokens>();
        services.AddSingleton<GatewayAdmission>();
        services.AddSingleton<CallDrain>();
        services.TryAddSingleton(TimeProvider.System);
        return services;
    }

    public static IEndpointRouteBuilder MapGateway(this IEndpointRouteBuilder endpoints)
    {
        endpoints.Map("/ws", HandleAsync);
        endpoints.MapPost("/api/session", IssueToken);
        return endpoints;
    }

    private static IResult IssueToken(HttpContext context, GatewayAdmission admission, SessionTokens tokens, IOptions<GatewayOptions> options)
    {
        if (options.Value.ClientTokens.Length > 0)
        {
            string? authorization = context.Request.Headers.Authorization;
            string? bearer = authorization?.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) == true ? authorization["Bearer ".Length..].Trim() : null;
            if (!admission.IsClientToken(bearer))
            {
                return Results.Unauthorized();
            }
        }

        (string token, DateTimeOffset expires) = tokens.Issue();
        return Results.Json(new SessionTokenResponse(token, expires.ToUnixTimeSeconds()), GatewayJsonContext.Default.SessionTokenResponse);
    }

    private static async Task HandleAsync(
        HttpContext context,
        GatewayAdmission admission,
        IRealtimeClient upstream,
        UpstreamInfo upstreamInfo,
        CallRecorder recorder,
        AppointmentTools appointments,
        IOptions<GatewayOptions> options,
        ILoggerFactory loggers,
        TimeProvider time,
        CallDrain drain,
        RelayMetrics metrics)
    {
        if (!context.WebSockets.IsWebSocketRequest)
        {
            context.Response.StatusCode = StatusCodes.Status400BadRequest;
            await context.Response.WriteAsync("This endpoint speaks WebSocket; see docs/protocol.md.", context.RequestAborted).ConfigureAwait(false);
            return;
        }

        // Stopping: a load balancer retries another instance on 503 (nothing was upgraded yet).
        if (drain.IsDraining)
        {
            context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
            context.Response.Headers.RetryAfter = "1";
            return;
        }

        if (admission.CheckRequest(context) is int refused)
        {
            context.Response.StatusCode = refused;
            return;
        }

        GatewayOptions settings = options.Value;
        ILogger logger = loggers.CreateLogger("Voxgate.Gateway");
        string? subprotocol = context.WebSockets.WebSocketRequestedProtocols.Contains(Subprotocol) ? Subprotocol : null;
        using WebSocket socket = await context.WebSockets.AcceptWebSocketAsync(new WebSocketAcceptContext
        {
            SubProtocol = subprotocol,
            KeepAliveInterval = TimeSpan.FromSeconds(15),
        }).ConfigureAwait(false);

        if (!admission.TryEnter(context.Connection.RemoteIpAddress, out GatewayAdmission.Lease lease))
        {
            LogAtCapacity(logger, admission.OpenSessions);
            metrics.AtCapacity("/ws", "browser", upstreamInfo.Name);
            await RefuseAsync(socket, GatewayCloseReason.AtCapacity).ConfigureAwait(false);
            return;
        }

        using (lease)
        {
            using var transport = new BrowserTransport(socket, settings, time);
            ICallRecording record = recorder.Begin(new CallStart(transport.Name, upstreamInfo.Name, upstreamInfo.Model,
                context.Connection.RemoteIpAddress, context.Request.Headers.UserAgent.ToString() is { Length: > 0 } agent ? agent : null));
            var relay = new CallRelay(transport, record, upstream, upstreamInfo, CallSettingsFor(settings, appointments.For(record.Context)),
                new CallLimits(settings.IdleTimeout, settings.MaxCallDuration), logger, time, telemetry: metrics.Begin("/ws", transport.Name, upstreamInfo.Name, record.CallId));
            await relay.RunAsync(drain.CallsMustEnd).ConfigureAwait(false);
        }
    }

    /// <summary>The agent browser calls talk to, as configured in <c>Gateway:</c>, with the call's own tools.</summary>
    internal static CallSettings CallSettingsFor(GatewayOptions settings, IReadOnlyList<AITool> tools) => new()
    {
        Tools = tools,
        Instructions = settings.Instructions,
        Voice = string.IsNullOrEmpty(settings.Voice) ? null : settings.Voice,
        VadThreshold = settings.VadThreshold,
        PrefixPaddingMs = settings.PrefixPaddingMs,
        SilenceDurationMs = settings.SilenceDurationMs,
        TranscriptionModel = settings.TranscriptionModel,
    };

    private static async Task RefuseAsync(WebSocket socket, GatewayCloseReason reason)
    {
        try
        {
            byte[] error = GatewayEvents.Error(reason.ErrorCode!, reason.Message);
            using var grace = new CancellationTokenSource(WebSocketClosing.Grace);
            await socket.SendAsync(error, WebSocketMessageType.Text, endOfMessage: true, grace.Token).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is WebSocketException or OperationCanceledException or IOException)
        {
            socket.Abort();
            return;
        }

        await WebSocketClosing.CloseAsync(socket, reason.Status, reason.ErrorCode).ConfigureAwait(false);
    }

    [LoggerMessage(EventId = 210, Level = LogLevel.Warning, Message = "Gateway at capacity ({Open} sessions open); a call was refused")]
    private static partial void LogAtCapacity(ILogger logger, int open);

}
