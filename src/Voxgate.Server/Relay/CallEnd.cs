namespace Voxgate.Server.Relay;

/// <summary>How a call ended: a value the relay returns, which each transport turns into its own close.</summary>
internal enum CallEnd
{
    /// <summary>The caller hung up (closed the connection).</summary>
    CallerHungUp,

    /// <summary>The agent ended the call (its <c>end_call</c> tool), once its last words had been heard.</summary>
    AgentHungUp,

    /// <summary>The call reached its maximum length.</summary>
    CallTooLong,

    /// <summary>The caller sent a message larger than allowed.</summary>
    FrameTooLarge,

    /// <summary>Nothing came from the caller for too long.</summary>
    IdleTimeout,

    /// <summary>The caller could not take the agent's audio as fast as it came.</summary>
    TooSlow,

    /// <summary>The upstream session ended by itself.</summary>
    UpstreamClosed,

    /// <summary>The upstream failed during the call.</summary>
    UpstreamFailed,

    /// <summary>No upstream session could be opened for the call.</summary>
    UpstreamUnavailable,

    /// <summary>The server is shutting down.</summary>
    ServerStopping,
}
