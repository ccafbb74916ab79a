using System.Net.WebSockets;
using Voxgate.Server.Relay;

namespace Voxgate.Server.Gateway;

/// <summary>How a browser call's end is told to the page: the close code, and the error event sent before it (docs/protocol.md).</summary>
internal sealed record GatewayCloseReason(WebSocketCloseStatus Status, string? ErrorCode, string Message)
{
    public static readonly GatewayCloseReason AtCapacity = new((WebSocketCloseStatus)1013, "at_capacity", "The server is busy. Please try again in a moment.");

    public static GatewayCloseReason For(CallResult result) => result.End switch
    {
        CallEnd.CallerHungUp => new(WebSocketCloseStatus.NormalClosure, null, "closed by the client"),
        CallEnd.AgentHungUp => new(WebSocketCloseStatus.NormalClosure, null, "the agent ended the call"),
        CallEnd.CallTooLong => new(WebSocketCloseStatus.NormalClosure, "call_too_long", "The call reached its maximum length."),
        CallEnd.FrameTooLarge => new(WebSocketCloseStatus.MessageTooBig, "frame_too_large", "A message was larger than the server accepts."),
        CallEnd.IdleTimeout => new(WebSocketCloseStatus.PolicyViolation, "idle_timeout", "Nothing was received for too long, so the call was ended."),
        CallEnd.TooSlow => new(WebSocketCloseStatus.PolicyViolation, "too_slow", "The connection could not keep up with the agent's audio."),
        CallEnd.UpstreamClosed => new(WebSocketCloseStatus.InternalServerError, "upstream_closed", "The voice model ended the session."),
        CallEnd.ServerStopping => new(WebSocketCloseStatus.EndpointUnavailable, "server_stopping", "The server is restarting. Please reconnect."),
        _ => new(WebSocketCloseStatus.InternalServerError, "upstream_error", "The voice model is unavailable" + (result.Detail is { } detail ? ": " + detail : ".")),
    };
}
