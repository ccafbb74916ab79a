using Microsoft.Extensions.AI;
using Voxgate.Realtime.Abstractions;

namespace Voxgate.Speech.Engine;

/// <summary>
/// The turn detection a session runs, every value resolved: what <see cref="TurnDetectionOptions"/> asked for, merged
/// over the defaults OpenAI's <c>server_vad</c> starts with.
/// </summary>
internal sealed record TurnDetectionSettings
{
    /// <summary>Server VAD as OpenAI configures it by default.</summary>
    public static readonly TurnDetectionSettings Default = new();

    /// <summary>False for manual turns: the client commits and asks for responses itself.</summary>
    public bool Enabled { get; init; } = true;

    /// <summary>Server VAD (a fixed silence window) or semantic VAD (a window set by <see cref="Eagerness"/>).</summary>
    public TurnDetectionKind Kind { get; init; } = TurnDetectionKind.ServerVad;

    /// <summary>For semantic VAD: <c>low</c>, <c>medium</c>, <c>high</c> or <c>auto</c>.</summary>
    public string Eagerness { get; init; } = "auto";

    /// <summary>Speech probability (0–1) at which a frame counts as speech.</summary>
    public double Threshold { get; init; } = 0.5;

    /// <summary>Audio kept from before speech was detected, in milliseconds.</summary>
    public int PrefixPaddingMs { get; init; } = 300;

    /// <summary>Server VAD's silence that ends a turn, in milliseconds (see <see cref="EffectiveSilenceMs"/>).</summary>
    public int SilenceDurationMs { get; init; } = 500;

    /// <summary>Server VAD only: silence after the last reply's audio that makes the session prompt the caller; null for none.</summary>
    public int? IdleTimeoutMs { get; init; }

    /// <summary>Whether the end of a turn starts a response.</summary>
    public bool CreateResponse { get; init; } = true;

    /// <summary>Whether speech during a response cancels it (barge-in).</summary>
    public bool InterruptResponse { get; init; } = true;

    /// <summary>
    /// The silence that ends a turn. Semantic VAD has no turn-end model here, so its eagerness picks the window:
    /// <c>high</c> 300 ms, <c>medium</c>/<c>auto</c> 600 ms, <c>low</c> 1200 ms (the 1 : 2 : 4 of OpenAI's
    /// 2/4/8-second maximum waits, around server VAD's 500 ms).
    /// </summary>
    public int EffectiveSilenceMs => Kind != TurnDetectionKind.SemanticVad ? SilenceDurationMs : Eagerness switch
    {
        "high" => 300,
        "low" => 1200,
        _ => 600,
    };

    /// <summary>
    /// These settings with <paramref name="options"/> applied: Enabled and AllowInterruption always; of a
    /// <see cref="TurnDetectionOptions"/>, its kind, eagerness and idle timeout as given (the object replaces the last),
    /// the tuning where it is set (null keeps the current value).
    /// </summary>
    public TurnDetectionSettings With(VoiceActivityDetectionOptions options)
    {
        TurnDetectionSettings merged = this with { Enabled = options.Enabled, InterruptResponse = options.AllowInterruption };
        return options is not TurnDetectionOptions full ? merged : merged with
        {
            Kind = full.Kind,
            Eagerness = full.Eagerness ?? "auto",
            Threshold = full.Threshold ?? Threshold,
            PrefixPaddingMs = full.PrefixPaddingMs ?? PrefixPaddingMs,
            SilenceDurationMs = full.SilenceDurationMs ?? SilenceDurationMs,
            IdleTimeoutMs = full.Kind == TurnDetectionKind.ServerVad ? full.IdleTimeoutMs : null,
            CreateResponse = full.CreateResponse ?? CreateResponse,
        };
    }

    /// <summary>These settings as the session reports them: the fields of the kind in force.</summary>
    public TurnDetectionOptions ToOptions() => new()
    {
        Kind = Kind,
        Enabled = Enabled,
        AllowInterruption = InterruptResponse,
        Eagerness = Kind == TurnDetectionKind.SemanticVad ? Eagerness : null,
        Threshold = Threshold,
        PrefixPaddingMs = PrefixPaddingMs,
        SilenceDurationMs = SilenceDurationMs,
        IdleTimeoutMs = IdleTimeoutMs,
        CreateResponse = CreateResponse,
    };

    /// <summary>Checks the ranges OpenAI accepts; returns the problem or null.</summary>
    public string? Validate()
        => Threshold is < 0 or > 1 ? "turn_detection.threshold must be between 0 and 1"
        : PrefixPaddingMs is < 0 or > 10_000 ? "turn_detection.prefix_padding_ms must be between 0 and 10000"
        : SilenceDurationMs is < 0 or > 10_000 ? "turn_detection.silence_duration_ms must be between 0 and 10000"
        : IdleTimeoutMs is < 1000 or > 600_000 ? "turn_detection.idle_timeout_ms must be between 1000 and 600000"
        : null;
}
