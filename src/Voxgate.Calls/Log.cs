using Microsoft.Extensions.Logging;

namespace Voxgate.Calls;

/// <summary>Voxgate.Calls' source-generated log messages (EventIds 600–699). Never logs audio, transcripts or tokens.</summary>
internal static partial class Log
{
    [LoggerMessage(EventId = 600, Level = LogLevel.Information, Message = "Store migration {Name} applied ({Provider})")]
    public static partial void MigrationApplied(ILogger logger, string name, Store.DatabaseProvider provider);

    [LoggerMessage(EventId = 601, Level = LogLevel.Warning, Message = "{Count} calls left open by the last run were closed as interrupted")]
    public static partial void InterruptedCallsClosed(ILogger logger, int count);

    [LoggerMessage(EventId = 602, Level = LogLevel.Error, Message = "Call {CallId}: the recorder's queue is full; a {Kind} note was dropped")]
    public static partial void RecordDropped(ILogger logger, string callId, string kind);

    [LoggerMessage(EventId = 603, Level = LogLevel.Warning, Message = "Call {CallId}: the recording writer is behind; audio dropped ({Dropped} frames so far)")]
    public static partial void AudioDropped(ILogger logger, string callId, long dropped);

    [LoggerMessage(EventId = 604, Level = LogLevel.Error, Message = "Call {CallId}: writing a {Kind} note failed")]
    public static partial void WriteFailed(ILogger logger, string callId, string kind, Exception exception);

    [LoggerMessage(EventId = 605, Level = LogLevel.Error, Message = "Call {CallId}: its recording could not be written")]
    public static partial void RecordingFailed(ILogger logger, string callId, Exception exception);

    [LoggerMessage(EventId = 606, Level = LogLevel.Information, Message = "{Count} recordings older than {Days} days deleted")]
    public static partial void RecordingsExpired(ILogger logger, int count, int days);

    [LoggerMessage(EventId = 607, Level = LogLevel.Error, Message = "The recordings retention sweep failed")]
    public static partial void RetentionFailed(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 610, Level = LogLevel.Information, Message = "Call {CallId} scored by {Scorer}: sentiment {Sentiment:F2}, intent {Intent}, {Outcome}")]
    public static partial void CallScored(ILogger logger, string callId, string scorer, double sentiment, int intent, string outcome);

    [LoggerMessage(EventId = 611, Level = LogLevel.Warning, Message = "Call {CallId}: scoring attempt {Attempt} failed")]
    public static partial void ScoringFailed(ILogger logger, string callId, long attempt, Exception exception);

    [LoggerMessage(EventId = 612, Level = LogLevel.Warning, Message = "The LLM scorer failed; call {CallId} was scored offline instead")]
    public static partial void LlmScorerFailed(ILogger logger, string callId, Exception exception);

    [LoggerMessage(EventId = 613, Level = LogLevel.Error, Message = "The analysis worker could not reach the store")]
    public static partial void AnalysisLoopFailed(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 620, Level = LogLevel.Warning, Message = "The store is unreachable ({Reason}); call {CallId}'s notes wait and are retried")]
    public static partial void StoreUnavailable(ILogger logger, string callId, string reason);

    [LoggerMessage(EventId = 621, Level = LogLevel.Information, Message = "The store is back: {Count} waiting notes written")]
    public static partial void StoreBack(ILogger logger, int count);

    [LoggerMessage(EventId = 622, Level = LogLevel.Error, Message = "{Count} call record notes lost: {Reason}")]
    public static partial void NotesLost(ILogger logger, int count, string reason);

    [LoggerMessage(EventId = 623, Level = LogLevel.Warning, Message = "{Count} calls of instance {Instance}, whose heartbeat stopped, were closed as interrupted")]
    public static partial void DeadInstanceCallsClosed(ILogger logger, int count, string instance);

    [LoggerMessage(EventId = 624, Level = LogLevel.Error, Message = "The store did not take this instance's heartbeat")]
    public static partial void HeartbeatFailed(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 625, Level = LogLevel.Information, Message = "The store takes this instance's heartbeat again")]
    public static partial void HeartbeatRestored(ILogger logger);
}
