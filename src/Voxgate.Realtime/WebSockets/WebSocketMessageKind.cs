namespace Voxgate.Realtime.WebSockets;

/// <summary>What one read from a WebSocket gave.</summary>
public enum WebSocketMessageKind
{
    /// <summary>A whole text message.</summary>
    Text,

    /// <summary>A whole binary message.</summary>
    Binary,

    /// <summary>The peer closed the connection.</summary>
    Closed,

    /// <summary>A message over the reader's limit; the rest of it was not read, so the connection must close (1009).</summary>
    TooBig,
}
