namespace Voxgate.Realtime.Abstractions;

/// <summary>
/// The error codes a realtime session reports on the typed seam (<see cref="Microsoft.Extensions.AI.ErrorContent.ErrorCode"/>).
/// The general ones are spelled as OpenAI spells them; the ones about a session's own state are Voxgate's, and
/// <c>Voxgate.Realtime</c> writes and reads them in OpenAI's words (<c>WireErrorCodes</c>), so clients that branch on
/// a code behave as they do against OpenAI's service. An upstream's code with no counterpart here passes as it is.
/// </summary>
public static class RealtimeErrorCodes
{
    public const string InvalidValue = "invalid_value";
    public const string MissingRequiredParameter = "missing_required_parameter";
    public const string IntegerBelowMinValue = "integer_below_min_value";
    public const string UnknownEventType = "unknown_event_type";
    public const string ServerError = "server_error";
    public const string SessionExpired = "session_expired";
    public const string TranscriptionFailed = "transcription_failed";

    /// <summary>The input buffer is at its limit; the oldest audio was dropped.</summary>
    public const string AudioBufferFull = "audio_buffer_full";

    /// <summary>A commit with less than 100 ms of audio.</summary>
    public const string AudioTooShortToCommit = "audio_too_short_to_commit";

    /// <summary>A cancel with no response in progress.</summary>
    public const string NoResponseToCancel = "no_response_to_cancel";

    /// <summary>A response asked for while another is in progress.</summary>
    public const string ResponseAlreadyActive = "response_already_active";

    /// <summary>The item a truncate names is not in the conversation.</summary>
    public const string TruncatedItemNotFound = "truncated_item_not_found";

    /// <summary>The item a delete names is not in the conversation.</summary>
    public const string DeletedItemNotFound = "deleted_item_not_found";

    /// <summary>The item a retrieve names is not in the conversation.</summary>
    public const string RetrievedItemNotFound = "retrieved_item_not_found";
}
