using Microsoft.Extensions.AI;
using Voxgate.Realtime.Abstractions;

namespace Voxgate.Server.Relay;

/// <summary>
/// The agent a call talks to and how it takes turns: what every upstream session of a call is configured with, so a
/// cloud model gets the same instructions, voice, turn detection and transcription as the local engine.
/// </summary>
internal sealed record CallSettings
{
    public required string Instructions { get; init; }

    /// <summary>The voice, or null for the upstream's own default.</summary>
    public string? Voice { get; init; }

    public double VadThreshold { get; init; } = 0.5;

    public int PrefixPaddingMs { get; init; } = 300;

    public int SilenceDurationMs { get; init; } = 500;

    /// <summary>The model that transcribes the caller (a cloud upstream needs one to send transcripts at all).</summary>
    public required string TranscriptionModel { get; init; }

    /// <summary>Tools offered to the agent on every call; the relay's function-invocation middleware runs them.</summary>
    public IReadOnlyList<AITool>? Tools { get; init; }

    /// <summary>The upstream session's configuration for a caller who speaks and hears <paramref name="audio"/>.</summary>
    public RealtimeSessionOptions ToSessionOptions(RealtimeAudioFormat audio) => new()
    {
        InputAudioFormat = audio,
        OutputAudioFormat = audio,
        Instructions = Instructions,
        Voice = Voice,
        OutputModalities = ["audio"],
        TranscriptionOptions = new TranscriptionOptions { ModelId = TranscriptionModel },
        VoiceActivityDetection = new TurnDetectionOptions
        {
            Kind = TurnDetectionKind.ServerVad,
            Threshold = VadThreshold,
            PrefixPaddingMs = PrefixPaddingMs,
            SilenceDurationMs = SilenceDurationMs,
            CreateResponse = true,
            AllowInterruption = true,
        },
        Tools = Tools,
    };
}
