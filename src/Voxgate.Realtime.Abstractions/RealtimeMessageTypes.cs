using Microsoft.Extensions.AI;

namespace Voxgate.Realtime.Abstractions;

/// <summary>
/// Server message types beyond those Microsoft.Extensions.AI names, in its style. Each belongs to one of Voxgate's
/// typed messages in this assembly; consumers match on the message's C# type and compare these values, never strings.
/// </summary>
public static class RealtimeMessageTypes
{
    public static RealtimeServerMessageType SessionCreated { get; } = new("SessionCreated");

    public static RealtimeServerMessageType SessionUpdated { get; } = new("SessionUpdated");

    public static RealtimeServerMessageType InputAudioBufferSpeechStarted { get; } = new("InputAudioBufferSpeechStarted");

    public static RealtimeServerMessageType InputAudioBufferSpeechStopped { get; } = new("InputAudioBufferSpeechStopped");

    public static RealtimeServerMessageType InputAudioBufferCommitted { get; } = new("InputAudioBufferCommitted");

    public static RealtimeServerMessageType InputAudioBufferCleared { get; } = new("InputAudioBufferCleared");

    public static RealtimeServerMessageType InputAudioBufferTimeoutTriggered { get; } = new("InputAudioBufferTimeoutTriggered");

    public static RealtimeServerMessageType ConversationItemRetrieved { get; } = new("ConversationItemRetrieved");

    public static RealtimeServerMessageType ConversationItemTruncated { get; } = new("ConversationItemTruncated");

    public static RealtimeServerMessageType ConversationItemDeleted { get; } = new("ConversationItemDeleted");

    public static RealtimeServerMessageType ResponseContentPartAdded { get; } = new("ResponseContentPartAdded");

    public static RealtimeServerMessageType ResponseContentPartDone { get; } = new("ResponseContentPartDone");

    public static RealtimeServerMessageType ResponseFunctionCallArgumentsDelta { get; } = new("ResponseFunctionCallArgumentsDelta");

    public static RealtimeServerMessageType ResponseFunctionCallArgumentsDone { get; } = new("ResponseFunctionCallArgumentsDone");

    public static RealtimeServerMessageType RateLimitsUpdated { get; } = new("RateLimitsUpdated");
}
