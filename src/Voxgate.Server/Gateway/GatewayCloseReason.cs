using System.Net.WebSockets;

namespace Voxgate.Server.Gateway;

/// <summary>Why a gateway session ended: the close code and the error the client is told first.</summary>
internal sealed record GatewayCloseReason(WebSocketCloseStatus Status, string? ErrorCode, string Message)
{
    public static readonly GatewayCloseReason Normal = new(WebSocketCloseStatus.NormalClosure, null, "goodbye");
    public static readonly GatewayCloseReason ClientClosed = new(WebSocketCloseStatus.NormalClosure, null, "closed by the client");
    public static readonly GatewayCloseReason CallTooLong = new(WebSocketCloseStatus.NormalClosure, "call_too_long", "The call reached its maximum length.");
    public static readonly GatewayCloseReason FrameTooLarge = new(WebSocketCloseStatus.MessageTooBig, "frame_too_large", "A message was larger than the server accepts.");
    public static readonly GatewayCloseReason Idle = new(WebSocketCloseStatus.PolicyViolation, "idle_timeout", "Nothing was received for too long, so the call was ended.");
    public static readonly GatewayCloseReason TooSlow = new(WebSocketCloseStatus.PolicyViolation, "too_slow", "The connection could not keep up with the agent's audio.");
    public static readonly GatewayCloseReason AtCapacity = new((WebSocketCloseStatus)1013, "at_capacity", "The server is busy. Please try again in a moment.");
    public static readonly GatewayCloseReason UpstreamClosed = new(WebSocketCloseStatus.InternalServerError, "upstream_closed", "The voice model ended the session.");
    public static readonly GatewayCloseReason ServerStopping = new(WebSocketCloseStatus.EndpointUnavailable, "server_stopping", "The server is restarting. Please reconnect.");

    public static GatewayCloseReason UpstreamFailed(string detail) => new(WebSocketCloseStatus.InternalServerError, "upstream_error", "The voice model is unavailable: " + detail);
}
