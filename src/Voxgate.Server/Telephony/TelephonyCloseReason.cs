using System.Net.WebSockets;
using Voxgate.Server.Relay;

namespace Voxgate.Server.Telephony;

/// <summary>How a phone call's end is told to the carrier: a WebSocket close code and a reason the carrier's logs show.</summary>
internal static class TelephonyCloseReason
{
    public static (WebSocketCloseStatus Status, string Reason) For(CallResult result) => result.End switch
    {
        CallEnd.CallerHungUp => (WebSocketCloseStatus.NormalClosure, "caller hung up"),
        CallEnd.AgentHungUp => (WebSocketCloseStatus.NormalClosure, "agent_hung_up"),
        CallEnd.CallTooLong => (WebSocketCloseStatus.NormalClosure, "call_too_long"),
        CallEnd.FrameTooLarge => (WebSocketCloseStatus.MessageTooBig, "frame_too_large: a message was larger than Telephony:MaxMessageBytes"),
        CallEnd.IdleTimeout => (WebSocketCloseStatus.PolicyViolation, "idle_timeout: no media for Telephony:IdleTimeout"),
        CallEnd.TooSlow => (WebSocketCloseStatus.PolicyViolation, "too_slow: agent audio queued past Telephony:MaxQueuedAudio"),
        CallEnd.ServerStopping => (WebSocketCloseStatus.EndpointUnavailable, "server_stopping"),
        CallEnd.UpstreamClosed => (WebSocketCloseStatus.InternalServerError, "upstream_closed"),
        _ => (WebSocketCloseStatus.InternalServerError, "upstream_error" + (result.Detail is { } detail ? ": " + detail : string.Empty)),
    };
}
