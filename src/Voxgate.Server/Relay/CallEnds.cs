namespace Voxgate.Server.Relay;

/// <summary>How a call's end is named in its record.</summary>
internal static class CallEnds
{
    public static string Reason(CallEnd end) => end switch
    {
        CallEnd.CallerHungUp => "client_closed",
        CallEnd.AgentHungUp => "agent_hung_up",
        CallEnd.CallTooLong => "call_too_long",
        CallEnd.FrameTooLarge => "frame_too_large",
        CallEnd.IdleTimeout => "idle_timeout",
        CallEnd.TooSlow => "too_slow",
        CallEnd.UpstreamClosed => "upstream_closed",
        CallEnd.UpstreamFailed => "upstream_error",
        CallEnd.UpstreamUnavailable => "upstream_unavailable",
        CallEnd.ServerStopping => "server_stopping",
        _ => "unknown",
    };
}
