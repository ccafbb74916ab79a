namespace Voxgate.Realtime.Abstractions;

/// <summary>
/// The error codes a realtime session reports (<see cref="Microsoft.Extensions.AI.ErrorContent.ErrorCode"/>), as OpenAI's
/// service names them, so clients that branch on a code behave as they do against it.
/// </summary>
public static class RealtimeErrorCodes
{
    public const string InvalidValue = "invalid_value";
    public const string MissingRequiredParameter = "missing_required_parameter";
    public const string IntegerBelowMinValue = "integer_below_min_value";
    public const string UnknownEventType = "unknown_event_type";
    public const string ServerError = "server_error";
    public const string SessionExpired = "session_expired";

    /// <summary>The input buffer is at its limit; the oldest audio was dropped.</summary>
    public const string InputAudioBufferFull = "input_audio_buffer_full";

    /// <summary>A commit with less than 100 ms of audio.</summary>
    public const string InputAudioBufferCommitEmpty = "input_audio_buffer_commit_empty";

    public const string TranscriptionFailed = "transcription_failed";
    public const string ResponseCancelNotActive = "response_cancel_not_active";
    public const string ConversationAlreadyHasActiveResponse = "conversation_already_has_active_response";
}
