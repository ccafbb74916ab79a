namespace Voxgate.Server.Hosting;

/// <summary>The host's source-generated log messages.</summary>
internal static partial class Log
{
    [LoggerMessage(EventId = 1, Level = LogLevel.Information, Message = "Voxgate is listening on {Urls}")]
    public static partial void Listening(ILogger logger, ICollection<string> urls);

    [LoggerMessage(EventId = 2, Level = LogLevel.Information, Message = "Voxgate is shutting down: no new calls; calls in progress may go on for {DrainSeconds} s, then get 10 s to close")]
    public static partial void Stopping(ILogger logger, double drainSeconds);
}
