namespace Voxgate.Calls.Recording;

/// <summary>
/// One call being recorded. A relay calls these from its single event loop as things happen; each call only takes
/// note and queues work for the background writer, so none blocks, allocates more than a pooled copy of the audio,
/// or throws (bad arguments are ignored; a call after <see cref="End"/> is ignored). Times are taken when a method
/// is called, on the call's clock. Tools that run on other threads may use the same recording: it is thread-safe.
/// </summary>
/// <remarks>
/// A turn is written when it becomes final (the caller's transcript; the agent's transcript, cut, or first heard
/// audio), so a process that dies loses at most the turn in flight. The agent's latency per turn is measured from
/// <see cref="CallerSpeechStopped"/> (or from a typed <see cref="CallerTranscript"/>) to the transcript, to the first
/// <see cref="AgentAudio"/> of the reply, and to the moment <see cref="AgentAudioPlayed"/> says it began to be heard.
/// </remarks>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Naming", "CA1716", Justification = "Error and End read best to the relay's author; no VB implementer is expected.")]
public interface ICallRecording
{
    /// <summary>The call's id in the store.</summary>
    string CallId { get; }

    /// <summary>The context tools of this call run in (id, caller phone, this recording).</summary>
    CallContext Context { get; }

    /// <summary>Milliseconds since the call began.</summary>
    long ElapsedMs { get; }

    /// <summary>Caller audio as it arrives: 16-bit little-endian mono PCM at <paramref name="sampleRate"/> Hz.</summary>
    void CallerAudio(ReadOnlySpan<byte> pcm16, int sampleRate = 24000);

    /// <summary>The caller began to speak (server VAD's speech started).</summary>
    void CallerSpeechStarted();

    /// <summary>The caller stopped speaking (server VAD's speech stopped): the agent's latency counts from here.</summary>
    void CallerSpeechStopped();

    /// <summary>The caller's final transcript for the turn (or text they typed); an empty one is no turn.</summary>
    void CallerTranscript(string text);

    /// <summary>Reply audio of item <paramref name="itemId"/> as it is sent to the caller, in order.</summary>
    void AgentAudio(string itemId, ReadOnlySpan<byte> pcm16, int sampleRate = 24000);

    /// <summary>The caller's player reports <paramref name="playedMs"/> of item <paramref name="itemId"/> played so far.</summary>
    void AgentAudioPlayed(string itemId, long playedMs);

    /// <summary>The caller cut the agent off: item <paramref name="itemId"/> stopped after <paramref name="playedMs"/> heard.</summary>
    void AgentInterrupted(string itemId, long playedMs);

    /// <summary>The final transcript of the agent's item <paramref name="itemId"/>.</summary>
    void AgentTranscript(string itemId, string text);

    /// <summary>The agent called a tool; <paramref name="argumentsJson"/> is its arguments as JSON.</summary>
    void ToolCalled(string toolCallId, string name, string argumentsJson);

    /// <summary>The tool call <paramref name="toolCallId"/> returned <paramref name="resultJson"/>.</summary>
    void ToolCompleted(string toolCallId, string resultJson);

    /// <summary>Tokens the upstream reports for one response; added to the call's total.</summary>
    void Usage(long inputTokens, long outputTokens);

    /// <summary>An error during the call (a code and a message for people).</summary>
    void Error(string code, string message);

    /// <summary>The call ended: why (the relay's close reason, e.g. <c>client_closed</c>) and the WebSocket close code.</summary>
    void End(string reason, int? closeCode = null);
}
