using Microsoft.Extensions.Logging;

namespace Voxgate.Speech.Engine;

/// <summary>The local engine's session logs (event ids 100–199).</summary>
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
}
