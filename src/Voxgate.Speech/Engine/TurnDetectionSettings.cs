using Microsoft.Extensions.AI;
using Voxgate.Realtime.Abstractions;

namespace Voxgate.Speech.Engine;

/// <summary>
/// The server VAD a session runs, every value resolved: what <see cref="TurnDetectionOptions"/> asked for, merged
/// over the defaults OpenAI's <c>server_vad</c> starts with.
/// </summary>
internal sealed record TurnDetectionSettings
{
    /// <summary>Server VAD as OpenAI configures it by default.</summary>
    public static readonly TurnDetectionSettings Default = new();

    /// <summary>False for manual turns: the client commits and asks for responses itself.</summary>
    public bool Enabled { get; init; } = true;

    /// <summary>Speech probability (0–1) at which a frame counts as speech.</summary>
    public double Threshold { get; init; } = 0.5;

    /// <summary>Audio kept from before speech was detected, in milliseconds.</summary>
    public int PrefixPaddingMs { get; init; } = 300;

    /// <summary>Silence that ends a turn, in milliseconds.</summary>
    public int SilenceDurationMs { get; init; } = 500;

    /// <summary>Whether the end of a turn starts a response.</summary>
    public bool CreateResponse { get; init; } = true;

    /// <summary>Whether speech during a response cancels it (barge-in).</summary>
    public bool InterruptResponse { get; init; } = true;

    /// <summary>
    /// These settings with <paramref name="options"/> applied: Enabled and AllowInterruption always, the tuning of a
    /// <see cref="TurnDetectionOptions"/> where it is set (null keeps the current value).
    /// </summary>
    /// <remarks>
    /// Semantic VAD has no model here, so it runs as server VAD with the same windows, and is reported as such.
    /// An idle timeout is not implemented and so is never reported as in force.
    /// </remarks>
    public TurnDetectionSettings With(VoiceActivityDetectionOptions options)
    {
        TurnDetectionSettings merged = this with { Enabled = options.Enabled, InterruptResponse = options.AllowInterruption };
        return options is not TurnDetectionOptions full ? merged : merged with
        {
            Threshold = full.Threshold ?? Threshold,
            PrefixPaddingMs = full.PrefixPaddingMs ?? PrefixPaddingMs,
            SilenceDurationMs = full.SilenceDurationMs ?? SilenceDurationMs,
            CreateResponse = full.CreateResponse ?? CreateResponse,
        };
    }

    /// <summary>These settings as the session reports them: every field set.</summary>
    public TurnDetectionOptions ToOptions() => new()
    {
        Kind = TurnDetectionKind.ServerVad,
        Enabled = Enabled,
        AllowInterruption = InterruptResponse,
        Threshold = Threshold,
        PrefixPaddingMs = PrefixPaddingMs,
        SilenceDurationMs = SilenceDurationMs,
        CreateResponse = CreateResponse,
    };

    /// <summary>Checks the ranges OpenAI accepts; returns the problem or null.</summary>
    public string? Validate()
        => Threshold is < 0 or > 1 ? "turn_detection.threshold must be between 0 and 1"
        : PrefixPaddingMs is < 0 or > 10_000 ? "turn_detection.prefix_padding_ms must be between 0 and 10000"
        : SilenceDurationMs is < 0 or > 10_000 ? "turn_detection.silence_duration_ms must be between 0 and 10000"
        : null;
}
