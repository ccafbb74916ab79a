using Microsoft.Extensions.Logging;

namespace Voxgate.Realtime.Server;

/// <summary>The endpoint's source-generated log messages. Never audio, never keys.</summary>
internal static partial class Log
{
    [LoggerMessage(EventId = 400, Level = LogLevel.Information, Message = "Realtime connection {ConnectionId} opened ({Dialect} dialect, model '{Model}')")]
    public static partial void Opened(ILogger logger, string connectionId, string dialect, string? model);

    [LoggerMessage(EventId = 401, Level = LogLevel.Information, Message = "Realtime connection {ConnectionId} closed: {Reason}")]
    public static partial void Closed(ILogger logger, string connectionId, RelayEnd reason);

    [LoggerMessage(EventId = 402, Level = LogLevel.Warning, Message = "Realtime connection refused: {Reason}")]
    public static partial void Refused(ILogger logger, string reason);

    [LoggerMessage(EventId = 403, Level = LogLevel.Debug, Message = "Realtime connection {ConnectionId}: client event rejected with {Code}")]
    public static partial void ClientError(ILogger logger, string connectionId, string code);

    [LoggerMessage(EventId = 404, Level = LogLevel.Warning, Message = "Realtime connection {ConnectionId}: a {Bytes}-byte frame is over the {Limit}-byte limit; closing with 1009")]
    public static partial void TooBig(ILogger logger, string connectionId, long bytes, int limit);

    [LoggerMessage(EventId = 405, Level = LogLevel.Error, Message = "Realtime connection {ConnectionId}: the upstream session failed")]
    public static partial void UpstreamFailed(ILogger logger, string connectionId, Exception exception);

    [LoggerMessage(EventId = 406, Level = LogLevel.Error, Message = "Realtime connection refused: the upstream would not start a session")]
    public static partial void SessionStartFailed(ILogger logger, Exception exception);
}
