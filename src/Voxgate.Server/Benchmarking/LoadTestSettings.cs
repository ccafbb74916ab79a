namespace Voxgate.Server.Benchmarking;

/// <summary>One run of the engine load test.</summary>
/// <param name="Sessions">Concurrent conversations.</param>
/// <param name="Duration">How long callers keep starting new turns; turns in flight are then finished.</param>
/// <param name="SilenceDurationMs">The sessions' <c>silence_duration_ms</c>, subtracted from the measured latency.</param>
/// <param name="RecognizerPoolSize">Speech recognisers loaded (<c>Engine:RecognizerPoolSize</c>).</param>
/// <param name="Voice">The flite voice the callers speak with.</param>
/// <param name="LanguageModel">A language model replacing the general one, or null.</param>
/// <param name="PreemptiveLeadMs">The engine's <see cref="Voxgate.Speech.Engine.EngineLimits.PreemptiveLeadMs"/>.</param>
internal sealed record LoadTestSettings(
    int Sessions, TimeSpan Duration, int SilenceDurationMs, int RecognizerPoolSize, string Voice, string? LanguageModel, int PreemptiveLeadMs)
{
    /// <summary>What the callers say, in turn; questions the built-in receptionist answers without tools.</summary>
    public static IReadOnlyList<string> Prompts { get; } =
    [
        "what are your opening hours",
        "hello there",
        "what time is it",
        "what is the date today",
        "are you open on saturday",
        "thank you",
    ];
}
