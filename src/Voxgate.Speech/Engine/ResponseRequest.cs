using Microsoft.Extensions.AI;

namespace Voxgate.Speech.Engine;

/// <summary>What one response is generated from: the history, tools and output settings at its start.</summary>
internal sealed record ResponseRequest(
    string ResponseId,
    IList<ChatMessage> Messages,
    ChatOptions ChatOptions,
    bool Audio,
    string Voice,
    SessionAudioFormat OutputFormat,
    long StartClockMs,
    double Speed = 1.0);
