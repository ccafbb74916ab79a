namespace Voxgate.Server.Relay;

/// <summary>The call relay's source-generated log messages (EventIds 230–249). Never audio, never secrets.</summary>
internal static partial class RelayLog
{
    [LoggerMessage(EventId = 230, Level = LogLevel.Information, Message = "Call {CallId} ({Transport}) ended: {End} after {Seconds:F1} s")]
    public static partial void Ended(ILogger logger, string callId, string transport, CallEnd end, double seconds);

    [LoggerMessage(EventId = 231, Level = LogLevel.Error, Message = "Call {CallId}: no upstream session could be opened")]
    public static partial void UpstreamUnavailable(ILogger logger, string callId, Exception exception);

    [LoggerMessage(EventId = 232, Level = LogLevel.Warning, Message = "Call {CallId}: the upstream failed")]
    public static partial void UpstreamFailed(ILogger logger, string callId, Exception exception);

    [LoggerMessage(EventId = 233, Level = LogLevel.Debug, Message = "Call {CallId}: barge-in, reply truncated at {PlayedMs} ms")]
    public static partial void Interrupted(ILogger logger, string callId, long playedMs);

    [LoggerMessage(EventId = 234, Level = LogLevel.Debug, Message = "Call {CallId}: turn {Status}, latency {LatencyMs} ms")]
    public static partial void TurnDone(ILogger logger, string callId, string status, long latencyMs);

    [LoggerMessage(EventId = 235, Level = LogLevel.Debug, Message = "Call {CallId}: the upstream refused the relay's own request ({Code})")]
    public static partial void OwnRequestRefused(ILogger logger, string callId, string code);

    [LoggerMessage(EventId = 237, Level = LogLevel.Information, Message = "Call {CallId}: the agent asked to hang up; the call ends once its goodbye has been heard")]
    public static partial void HangUpRequested(ILogger logger, string callId);

    [LoggerMessage(EventId = 236, Level = LogLevel.Debug, Message = "Call {CallId}: the upstream reported {Code}")]
    public static partial void UpstreamError(ILogger logger, string callId, string code);
}
