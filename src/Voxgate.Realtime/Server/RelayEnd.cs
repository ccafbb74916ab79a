namespace Voxgate.Realtime.Server;

/// <summary>Why a realtime connection ended: a value the relay reports instead of throwing.</summary>
public enum RelayEnd
{
    /// <summary>The client closed the WebSocket.</summary>
    ClientClosed,

    /// <summary>The connection dropped or the host is stopping.</summary>
    Aborted,

    /// <summary>A frame was over <see cref="RealtimeApiOptions.MaxMessageBytes"/>; closed with 1009.</summary>
    MessageTooBig,

    /// <summary>The upstream session ended (for example it expired); closed with 1001.</summary>
    UpstreamEnded,

    /// <summary>The upstream session failed; closed with 1011.</summary>
    UpstreamFailed,

    /// <summary><see cref="RealtimeApiOptions.MaxSessionDuration"/> passed; <c>session_expired</c>, then 1001.</summary>
    Expired,
}
