namespace Voxgate.Realtime.Protocol;

/// <summary>
/// The OpenAI Realtime (GA) event names: the one place in Voxgate where they are written down. Everything outside
/// Voxgate.Realtime speaks typed messages instead.
/// </summary>
public static class RealtimeEventNames
{
    public const string SessionUpdate = "session.update";
    public const string InputAudioBufferAppend = "input_audio_buffer.append";
    public const string InputAudioBufferCommit = "input_audio_buffer.commit";
    public const string InputAudioBufferClear = "input_audio_buffer.clear";
    public const string ConversationItemCreate = "conversation.item.create";
    public const string ConversationItemRetrieve = "conversation.item.retrieve";
    public const string ConversationItemTruncate = "conversation.item.truncate";
    public const string ConversationItemDelete = "conversation.item.delete";
    public const string ResponseCreate = "response.create";
    public const string ResponseCancel = "response.cancel";

    public const string Error = "error";
    public const string SessionCreated = "session.created";
    public const string SessionUpdated = "session.updated";
    public const string ConversationCreated = "conversation.created";
    public const string SpeechStarted = "input_audio_buffer.speech_started";
    public const string SpeechStopped = "input_audio_buffer.speech_stopped";
    public const string Committed = "input_audio_buffer.committed";
    public const string Cleared = "input_audio_buffer.cleared";
    public const string TimeoutTriggered = "input_audio_buffer.timeout_triggered";
    public const string ConversationItemAdded = "conversation.item.added";
    public const string ConversationItemDone = "conversation.item.done";
    public const string ConversationItemCreated = "conversation.item.created";
    public const string ConversationItemRetrieved = "conversation.item.retrieved";
    public const string ConversationItemTruncated = "conversation.item.truncated";
    public const string ConversationItemDeleted = "conversation.item.deleted";
    public const string InputTranscriptionDelta = "conversation.item.input_audio_transcription.delta";
    public const string InputTranscriptionCompleted = "conversation.item.input_audio_transcription.completed";
    public const string InputTranscriptionFailed = "conversation.item.input_audio_transcription.failed";
    public const string ResponseCreated = "response.created";
    public const string ResponseDone = "response.done";
    public const string ResponseOutputItemAdded = "response.output_item.added";
    public const string ResponseOutputItemDone = "response.output_item.done";
    public const string ContentPartAdded = "response.content_part.added";
    public const string ContentPartDone = "response.content_part.done";
    public const string OutputAudioDelta = "response.output_audio.delta";
    public const string OutputAudioDone = "response.output_audio.done";
    public const string OutputAudioTranscriptDelta = "response.output_audio_transcript.delta";
    public const string OutputAudioTranscriptDone = "response.output_audio_transcript.done";
    public const string OutputTextDelta = "response.output_text.delta";
    public const string OutputTextDone = "response.output_text.done";
    public const string FunctionCallArgumentsDelta = "response.function_call_arguments.delta";
    public const string FunctionCallArgumentsDone = "response.function_call_arguments.done";
    public const string RateLimitsUpdated = "rate_limits.updated";

    /// <summary>Every client event the endpoint accepts, as listed in an unknown-type error.</summary>
    public static readonly IReadOnlyList<string> ClientEvents =
    [
        SessionUpdate, InputAudioBufferAppend, InputAudioBufferCommit, InputAudioBufferClear, ConversationItemCreate,
        ConversationItemRetrieve, ConversationItemTruncate, ConversationItemDelete, ResponseCreate, ResponseCancel,
    ];
}
