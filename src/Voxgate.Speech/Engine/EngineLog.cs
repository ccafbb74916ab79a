using Microsoft.Extensions.Logging;

namespace Voxgate.Speech.Engine;

/// <summary>The local engine's session logs (event ids 100–199): ids and timings, never what a caller said.</summary>
internal static partial class EngineLog
{
    [LoggerMessage(EventId = 100, Level = LogLevel.Error, Message = "Session {SessionId} failed to handle an event")]
    public static partial void EventFailed(ILogger logger, string sessionId, Exception exception);

    [LoggerMessage(EventId = 101, Level = LogLevel.Debug, Message = "Session {SessionId} answered a client event with error {Code}")]
    public static partial void ClientError(ILogger logger, string sessionId, string code);

    [LoggerMessage(EventId = 102, Level = LogLevel.Warning, Message = "Session {SessionId} response {ResponseId} failed")]
    public static partial void ResponseFailed(ILogger logger, string sessionId, string responseId, Exception exception);

    [LoggerMessage(EventId = 103, Level = LogLevel.Debug, Message = "Session {SessionId} is preparing response {ResponseId} for turn {ItemId} in its silence window")]
    public static partial void ResponsePrepared(ILogger logger, string sessionId, string responseId, string itemId);

    [LoggerMessage(EventId = 104, Level = LogLevel.Debug, Message = "Session {SessionId} sent prepared response {ResponseId}")]
    public static partial void PreparedResponseSent(ILogger logger, string sessionId, string responseId);

    [LoggerMessage(EventId = 105, Level = LogLevel.Debug, Message = "Session {SessionId} threw away prepared response {ResponseId}")]
    public static partial void PreparedResponseDiscarded(ILogger logger, string sessionId, string responseId);

    [LoggerMessage(EventId = 106, Level = LogLevel.Debug, Message = "Session {SessionId} turn {ItemId} settled: its words finished in {FinishMs:F0} ms, {WaitMs:F0} ms after they were asked for")]
    public static partial void TurnSettled(ILogger logger, string sessionId, string itemId, double finishMs, double waitMs);

    [LoggerMessage(EventId = 107, Level = LogLevel.Debug, Message = "Session {SessionId} turn {ItemId} resumed after settling: {AudioMs} ms of its audio decoded again in {DecodeMs:F0} ms")]
    public static partial void TurnResumed(ILogger logger, string sessionId, string itemId, long audioMs, double decodeMs);

    [LoggerMessage(EventId = 108, Level = LogLevel.Debug, Message = "Session {SessionId} turn {ItemId} ended: its words finished in {FinishMs:F0} ms")]
    public static partial void TurnFinished(ILogger logger, string sessionId, string itemId, double finishMs);

    [LoggerMessage(EventId = 109, Level = LogLevel.Debug, Message = "Session {SessionId} turn {ItemId} paused: settling its words")]
    public static partial void TurnPaused(ILogger logger, string sessionId, string itemId);

    [LoggerMessage(EventId = 110, Level = LogLevel.Debug, Message = "Session {SessionId} turn {ItemId} stopped: the silence window closed (speech ended at {AudioEndMs} ms of input)")]
    public static partial void TurnStopped(ILogger logger, string sessionId, string itemId, long audioEndMs);
}
