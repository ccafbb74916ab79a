using Microsoft.Extensions.AI;

namespace Voxgate.Speech.Engine;

/// <summary>
/// Server message types the engine emits beyond those Microsoft.Extensions.AI names, named in the same style.
/// Each stands for the OpenAI GA event of the same meaning (<see cref="SpeechStarted"/> is
/// <c>input_audio_buffer.speech_started</c>), and its <see cref="RealtimeServerMessage.RawRepresentation"/> is a
/// <see cref="System.Text.Json.Nodes.JsonObject"/> with that event's fields, so a protocol layer can relay it
/// without knowing the engine.
/// </summary>
public static class EngineEventTypes
{
    public static readonly RealtimeServerMessageType SessionCreated = new("SessionCreated");
    public static readonly RealtimeServerMessageType SessionUpdated = new("SessionUpdated");
    public static readonly RealtimeServerMessageType SpeechStarted = new("InputAudioBufferSpeechStarted");
    public static readonly RealtimeServerMessageType SpeechStopped = new("InputAudioBufferSpeechStopped");
    public static readonly RealtimeServerMessageType Committed = new("InputAudioBufferCommitted");
    public static readonly RealtimeServerMessageType Cleared = new("InputAudioBufferCleared");
    public static readonly RealtimeServerMessageType ContentPartAdded = new("ResponseContentPartAdded");
    public static readonly RealtimeServerMessageType ContentPartDone = new("ResponseContentPartDone");
    public static readonly RealtimeServerMessageType FunctionCallArgumentsDelta = new("ResponseFunctionCallArgumentsDelta");
    public static readonly RealtimeServerMessageType FunctionCallArgumentsDone = new("ResponseFunctionCallArgumentsDone");
    public static readonly RealtimeServerMessageType ItemTruncated = new("ConversationItemTruncated");
    public static readonly RealtimeServerMessageType ItemDeleted = new("ConversationItemDeleted");
    public static readonly RealtimeServerMessageType ItemRetrieved = new("ConversationItemRetrieved");
    public static readonly RealtimeServerMessageType RateLimitsUpdated = new("RateLimitsUpdated");
}
