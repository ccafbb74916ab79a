using Microsoft.Extensions.AI;

namespace Voxgate.Realtime.Abstractions;

/// <summary>
/// Microsoft.Extensions.AI's <see cref="RealtimeSessionOptions"/> with the GA session fields it has no property for.
/// A client's update sets what it names (null keeps the current value); a session reports every field in force.
/// </summary>
public sealed class ExtendedRealtimeSessionOptions : RealtimeSessionOptions
{
    public ExtendedRealtimeSessionOptions()
    {
    }

    /// <summary>A copy of <paramref name="source"/> (its extended fields too, when it has them), to change a field or two in an initializer.</summary>
    public ExtendedRealtimeSessionOptions(RealtimeSessionOptions source)
    {
        ArgumentNullException.ThrowIfNull(source);
        SessionKind = source.SessionKind;
        Model = source.Model;
        InputAudioFormat = source.InputAudioFormat;
        TranscriptionOptions = source.TranscriptionOptions;
        OutputAudioFormat = source.OutputAudioFormat;
        Voice = source.Voice;
        Instructions = source.Instructions;
        MaxOutputTokens = source.MaxOutputTokens;
        OutputModalities = source.OutputModalities;
        ToolMode = source.ToolMode;
        Tools = source.Tools;
        VoiceActivityDetection = source.VoiceActivityDetection;
        RawRepresentationFactory = source.RawRepresentationFactory;
        if (source is ExtendedRealtimeSessionOptions extended)
        {
            ReasoningEffort = extended.ReasoningEffort;
            ParallelToolCalls = extended.ParallelToolCalls;
            Speed = extended.Speed;
            NoiseReduction = extended.NoiseReduction;
        }
    }

    /// <summary>Reasoning effort for reasoning models (<c>reasoning.effort</c>): <c>minimal</c>, <c>low</c>, <c>medium</c>, <c>high</c> or <c>xhigh</c>.</summary>
    public string? ReasoningEffort { get; init; }

    /// <summary>Whether the model may call several tools in one response (<c>parallel_tool_calls</c>).</summary>
    public bool? ParallelToolCalls { get; init; }

    /// <summary>Speaking rate of replies, 0.25–1.5 (<c>audio.output.speed</c>).</summary>
    public double? Speed { get; init; }

    /// <summary><c>near_field</c> or <c>far_field</c> (<c>audio.input.noise_reduction.type</c>); <see cref="NoNoiseReduction"/> turns it off.</summary>
    public string? NoiseReduction { get; init; }

    /// <summary>The <see cref="NoiseReduction"/> value that clears it (the client sent <c>null</c>).</summary>
    public const string NoNoiseReduction = "none";
}
