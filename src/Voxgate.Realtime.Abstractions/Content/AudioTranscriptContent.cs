using Microsoft.Extensions.AI;

namespace Voxgate.Realtime.Abstractions;

/// <summary>
/// Audio in a conversation item, described by its transcript rather than carried: the caller's speech (transcript
/// null until recognised) or the agent's spoken reply. Items never carry audio bytes across the seam.
/// </summary>
public sealed class AudioTranscriptContent(string? transcript) : AIContent
{
    /// <summary>What was (or is being) said; null while not yet known.</summary>
    public string? Transcript { get; } = transcript;
}
