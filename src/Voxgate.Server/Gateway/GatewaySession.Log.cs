namespace Voxgate.Server.Gateway;

/// <content>The gateway session's source-generated log messages. Never audio, never secrets.</content>
internal sealed partial class GatewaySession
{
    private static partial class Log
    {
        [LoggerMessage(EventId = 200, Level = LogLevel.Information, Message = "Gateway session {SessionId} ended with {CloseCode} ({Reason})")]
        public static partial void SessionEnded(ILogger logger, string sessionId, int closeCode, string reason);

        [LoggerMessage(EventId = 201, Level = LogLevel.Warning, Message = "Gateway session {SessionId}: the upstream failed")]
        public static partial void UpstreamFailed(ILogger logger, string sessionId, Exception exception);

        [LoggerMessage(EventId = 202, Level = LogLevel.Debug, Message = "Gateway session {SessionId}: barge-in, reply truncated at {PlayedMs} ms")]
        public static partial void Interrupted(ILogger logger, string sessionId, long playedMs);

        [LoggerMessage(EventId = 203, Level = LogLevel.Debug, Message = "Gateway session {SessionId}: turn {Status}, latency {LatencyMs} ms")]
        public static partial void TurnDone(ILogger logger, string sessionId, string status, long latencyMs);

        [LoggerMessage(EventId = 204, Level = LogLevel.Debug, Message = "Gateway session {SessionId}: upstream refused the gateway's own request ({Code})")]
        public static partial void OwnRequestRefused(ILogger logger, string sessionId, string code);
    }
}
