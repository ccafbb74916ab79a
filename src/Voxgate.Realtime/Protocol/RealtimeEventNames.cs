using Microsoft.Extensions.AI;

namespace Voxgate.Realtime.Protocol;

/// <summary>
/// OpenAI Realtime (GA) event names, and how a Microsoft.Extensions.AI <see cref="RealtimeServerMessageType"/> maps to one.
/// </summary>
/// <remarks>
/// Microsoft.Extensions.AI names only some events; the rest travel as a <see cref="RealtimeServerMessageType"/> named after
/// the GA event in PascalCase (<c>InputAudioBufferSpeechStarted</c> is <c>input_audio_buffer.speech_started</c>). That
/// naming is protocol knowledge, so the table lives here and no upstream's types are needed to read it.
/// </remarks>
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
    public const string ResponseCreated = "response.created";
    public const string ResponseDone = "response.done";
    public const string ResponseOutputItemAdded = "response.output_item.added";
    public const string ResponseOutputItemDone = "response.output_item.done";
    public const string ConversationItemAdded = "conversation.item.added";
    public const string ConversationItemDone = "conversation.item.done";
    public const string OutputAudioDelta = "response.output_audio.delta";
    public const string OutputAudioDone = "response.output_audio.done";
    public const string OutputAudioTranscriptDelta = "response.output_audio_transcript.delta";
    public const string OutputAudioTranscriptDone = "response.output_audio_transcript.done";
    public const string OutputTextDelta = "response.output_text.delta";
    public const string OutputTextDone = "response.output_text.done";
    public const string InputTranscriptionDelta = "conversation.item.input_audio_transcription.delta";
    public const string InputTranscriptionCompleted = "conversation.item.input_audio_transcription.completed";
    public const string InputTranscriptionFailed = "conversation.item.input_audio_transcription.failed";
    public const string RateLimitsUpdated = "rate_limits.updated";

    /// <summary>Every client event the endpoint accepts, as listed in an unknown-type error.</summary>
    public static readonly IReadOnlyList<string> ClientEvents =
    [
        SessionUpdate, InputAudioBufferAppend, InputAudioBufferCommit, InputAudioBufferClear, ConversationItemCreate,
        ConversationItemRetrieve, ConversationItemTruncate, ConversationItemDelete, ResponseCreate, ResponseCancel,
    ];

    private static readonly Dictionary<string, string> s_serverNames = new(StringComparer.Ordinal)
    {
        ["Error"] = Error,
        ["SessionCreated"] = SessionCreated,
        ["SessionUpdated"] = SessionUpdated,
        ["ConversationCreated"] = "conversation.created",
        ["ResponseCreated"] = ResponseCreated,
        ["ResponseDone"] = ResponseDone,
        ["ResponseOutputItemAdded"] = ResponseOutputItemAdded,
        ["ResponseOutputItemDone"] = ResponseOutputItemDone,
        ["ResponseContentPartAdded"] = "response.content_part.added",
        ["ResponseContentPartDone"] = "response.content_part.done",
        ["ResponseFunctionCallArgumentsDelta"] = "response.function_call_arguments.delta",
        ["ResponseFunctionCallArgumentsDone"] = "response.function_call_arguments.done",
        ["ConversationItemAdded"] = ConversationItemAdded,
        ["ConversationItemDone"] = ConversationItemDone,
        ["ConversationItemCreated"] = "conversation.item.created",
        ["ConversationItemTruncated"] = "conversation.item.truncated",
        ["ConversationItemDeleted"] = "conversation.item.deleted",
        ["ConversationItemRetrieved"] = "conversation.item.retrieved",
        ["InputAudioBufferSpeechStarted"] = "input_audio_buffer.speech_started",
        ["InputAudioBufferSpeechStopped"] = "input_audio_buffer.speech_stopped",
        ["InputAudioBufferCommitted"] = "input_audio_buffer.committed",
        ["InputAudioBufferCleared"] = "input_audio_buffer.cleared",
        ["InputAudioBufferTimeoutTriggered"] = "input_audio_buffer.timeout_triggered",
        ["OutputAudioDelta"] = OutputAudioDelta,
        ["OutputAudioDone"] = OutputAudioDone,
        ["OutputAudioTranscriptionDelta"] = OutputAudioTranscriptDelta,
        ["OutputAudioTranscriptionDone"] = OutputAudioTranscriptDone,
        ["OutputTextDelta"] = OutputTextDelta,
        ["OutputTextDone"] = OutputTextDone,
        ["InputAudioTranscriptionDelta"] = InputTranscriptionDelta,
        ["InputAudioTranscriptionCompleted"] = InputTranscriptionCompleted,
        ["InputAudioTranscriptionFailed"] = InputTranscriptionFailed,
        ["InputAudioTranscriptionSegment"] = "conversation.item.input_audio_transcription.segment",
        ["RateLimitsUpdated"] = RateLimitsUpdated,
    };

    /// <summary>The GA event name for a message type, or null when the type names no GA event.</summary>
    public static string? ToWireName(RealtimeServerMessageType type)
        => type.Value is { } value && s_serverNames.TryGetValue(value, out string? name) ? name : null;
}
