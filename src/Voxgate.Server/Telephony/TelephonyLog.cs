namespace Voxgate.Server.Telephony;

/// <summary>The phone carriers' source-generated log messages (EventIds 260–289). Never audio, never tokens or signatures.</summary>
internal static partial class TelephonyLog
{
    [LoggerMessage(EventId = 260, Level = LogLevel.Information, Message = "{Carrier}: requests are checked with {Setting}")]
    public static partial void Signed(ILogger logger, string carrier, string setting);

    [LoggerMessage(EventId = 261, Level = LogLevel.Warning, Message = "{Carrier}: no {Setting} and Telephony:AllowUnsigned=true, so its endpoints serve anyone who calls them; set {Setting} before going public")]
    public static partial void Unsigned(ILogger logger, string carrier, string setting);

    [LoggerMessage(EventId = 262, Level = LogLevel.Information, Message = "{Carrier}: no {Setting}, so its endpoints refuse every request (403); set it, or Telephony:AllowUnsigned=true for a test")]
    public static partial void Disabled(ILogger logger, string carrier, string setting);

    [LoggerMessage(EventId = 263, Level = LogLevel.Warning, Message = "{Carrier}: refused {Path} from {Address}: {Reason}")]
    public static partial void Refused(ILogger logger, string carrier, string path, string? address, string reason);

    [LoggerMessage(EventId = 264, Level = LogLevel.Information, Message = "Call {CallId}: {Carrier} stream {StreamId} for carrier call {CarrierCallId} started")]
    public static partial void Started(ILogger logger, string callId, string carrier, string streamId, string? carrierCallId);

    [LoggerMessage(EventId = 265, Level = LogLevel.Warning, Message = "{Carrier} stream closed before it started: {Reason}")]
    public static partial void NoStart(ILogger logger, string carrier, string reason);

    [LoggerMessage(EventId = 266, Level = LogLevel.Warning, Message = "Call {CallId}: a {Carrier} message was skipped: {Reason}")]
    public static partial void Skipped(ILogger logger, string? callId, string carrier, string reason);

    [LoggerMessage(EventId = 267, Level = LogLevel.Debug, Message = "Call {CallId}: a {Carrier} message was skipped: {Reason}")]
    public static partial void SkippedAgain(ILogger logger, string? callId, string carrier, string reason);

    [LoggerMessage(EventId = 268, Level = LogLevel.Warning, Message = "Call {CallId}: {Carrier} reported an error: {Detail}")]
    public static partial void CarrierError(ILogger logger, string? callId, string carrier, string detail);

    [LoggerMessage(EventId = 269, Level = LogLevel.Information, Message = "Call {CallId}: {Carrier} put {Reordered} messages back in order and gave up on {Gaps} gaps")]
    public static partial void Reordered(ILogger logger, string? callId, string carrier, int reordered, int gaps);

    [LoggerMessage(EventId = 270, Level = LogLevel.Warning, Message = "{Carrier}: at capacity ({Open} phone calls); a call was refused")]
    public static partial void AtCapacity(ILogger logger, string carrier, int open);
}
