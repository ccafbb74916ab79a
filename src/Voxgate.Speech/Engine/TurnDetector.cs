namespace Voxgate.Speech.Engine;

/// <summary>
/// Server VAD turn-taking on audio time: turns per-frame speech probabilities into speech-started and
/// speech-stopped moments, as OpenAI's <c>server_vad</c> does.
/// </summary>
/// <remarks>
/// Speech starts on the first frame at or above the threshold, so barge-in is decided within one VAD frame.
/// A frame counts as silence below <c>threshold − 0.15</c> (Silero's own hysteresis), and the turn ends after
/// <c>silence_duration_ms</c> of it. Pure logic: no clocks, no audio, so every rule is unit-testable.
/// </remarks>
internal sealed class TurnDetector
{
    private const double Hysteresis = 0.15;

    private TurnDetectionSettings _settings;
    private long _silenceStartMs = -1;

    public TurnDetector(TurnDetectionSettings settings) => _settings = settings;

    /// <summary>True between speech-started and speech-stopped.</summary>
    public bool InSpeech { get; private set; }

    /// <summary>Where the current turn's audio begins, prefix padding included.</summary>
    public long SpeechStartMs { get; private set; }

    public TurnDetectionSettings Settings
    {
        get => _settings;
        set => _settings = value;
    }

    /// <summary>Feeds one frame's probability; reports a turn boundary if this frame makes one.</summary>
    public TurnBoundary Process(float probability, long frameStartMs, long frameEndMs)
    {
        if (!InSpeech)
        {
            if (probability >= _settings.Threshold)
            {
                InSpeech = true;
                _silenceStartMs = -1;
                SpeechStartMs = Math.Max(0, frameStartMs - _settings.PrefixPaddingMs);
                return new TurnBoundary(TurnBoundaryKind.SpeechStarted, SpeechStartMs);
            }

            return default;
        }

        if (probability >= Math.Max(0.01, _settings.Threshold - Hysteresis))
        {
            _silenceStartMs = -1;
            return default;
        }

        if (_silenceStartMs < 0)
        {
            _silenceStartMs = frameStartMs;
        }

        if (frameEndMs - _silenceStartMs >= _settings.EffectiveSilenceMs)
        {
            InSpeech = false;
            long end = _silenceStartMs;
            _silenceStartMs = -1;
            return new TurnBoundary(TurnBoundaryKind.SpeechStopped, end);
        }

        return default;
    }

    /// <summary>Forgets any turn in progress (input buffer cleared, session reconfigured).</summary>
    public void Reset()
    {
        InSpeech = false;
        _silenceStartMs = -1;
    }
}

/// <summary>What a VAD frame meant for turn-taking.</summary>
internal enum TurnBoundaryKind
{
    None,
    SpeechStarted,
    SpeechStopped,
}

/// <summary>A turn boundary and where it falls in the session's input audio, in milliseconds.</summary>
internal readonly record struct TurnBoundary(TurnBoundaryKind Kind, long AudioMs);
