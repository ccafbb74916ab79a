using Microsoft.Extensions.AI;

namespace Voxgate.Realtime.Abstractions;

/// <summary>
/// Turn detection in full, as Microsoft.Extensions.AI's <see cref="VoiceActivityDetectionOptions"/> extended with what
/// realtime models are tuned by. Null values keep the session's current (or default) value.
/// </summary>
public sealed class TurnDetectionOptions : VoiceActivityDetectionOptions
{
    public TurnDetectionKind Kind { get; init; } = TurnDetectionKind.ServerVad;

    /// <summary>Speech probability (0–1) at which audio counts as speech.</summary>
    public double? Threshold { get; init; }

    /// <summary>Audio kept from before speech was detected, in milliseconds.</summary>
    public int? PrefixPaddingMs { get; init; }

    /// <summary>Silence that ends a turn, in milliseconds.</summary>
    public int? SilenceDurationMs { get; init; }

    /// <summary>Silence after the agent's last words after which the session nudges the caller, in milliseconds.</summary>
    public int? IdleTimeoutMs { get; init; }

    /// <summary>Whether the end of a turn starts a response (true unless set).</summary>
    public bool? CreateResponse { get; init; }

    /// <summary>For <see cref="TurnDetectionKind.SemanticVad"/>: <c>low</c>, <c>medium</c>, <c>high</c> or <c>auto</c>.</summary>
    public string? Eagerness { get; init; }
}
