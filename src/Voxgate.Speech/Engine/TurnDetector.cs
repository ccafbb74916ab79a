namespace Voxgate.Speech.Engine;

/// <summary>
/// Server VAD turn-taking on audio time: turns per-frame speech probabilities into speech-started and
/// speech-stopped moments, as OpenAI's <c>server_vad</c> does.
/// </summary>
/// <remarks>
/// Speech starts on the first frame at or above the threshold, so barge-in is decided within one VAD frame.
/// A frame counts as silence below <c>threshold − 0.15</c> (Silero's own hysteresis), and the turn ends after
/// <c>silence_duration_ms</c> of it, counted from where the voice ends in the last frame at or above the threshold
/// (its last loud sample, or the frame's end when the caller says none): the frames in between are the model's
/// probability decaying over the word's tail (up to two are counted so), and counting from the first frame under
/// the hysteresis would end every such turn a frame or two late. The window closes on the frame that completes it,
/// or earlier, between frames, once that much audio has arrived and what came after the last frame is quiet
/// (<see cref="CloseWindow"/>): waiting for the 32 ms frame to fill would add up to a frame to every reply.
/// <c>lead</c> ms before that, the silence is reported as a pause (the moment to settle the words and prepare the
/// reply unseen), and speech after a pause as resumed (throw that away).
/// Pure logic: no clocks, no audio, so every rule is unit-testable.
/// </remarks>
internal sealed class TurnDetector
{
    private const double Hysteresis = 0.15;

    // The silence a pause leaves after the words at least: the last syllable's tail and a little quiet for the recogniser.
    private const int MinPauseMs = 150;

    // At most this much of a fading tail (frames between the hysteresis and the threshold) counts as silence.
    private const int MaxFadingTailMs = 64;

    private readonly int _leadMs;
    private TurnDetectionSettings _settings;
    private long _silenceStartMs = -1;
    private long _lastSpeechEndMs;
    private long _lastConfidentFrameEndMs;
    private bool _paused;

    /// <param name="settings">The session's turn detection.</param>
    /// <param name="leadMs">How long before the window closes a pause is reported; 0 for never.</param>
    public TurnDetector(TurnDetectionSettings settings, int leadMs = 0)
    {
        _settings = settings;
        _leadMs = leadMs;
    }

    /// <summary>True between speech-started and speech-stopped.</summary>
    public bool InSpeech { get; private set; }

    /// <summary>Where the current turn's audio begins, prefix padding included.</summary>
    public long SpeechStartMs { get; private set; }

    public TurnDetectionSettings Settings
    {
        get => _settings;
        set => _settings = value;
    }

    /// <summary>
    /// How much silence makes a pause: <c>lead</c> before the window closes, but never under 150 ms (or the window);
    /// null when that leaves no time before the window (a zero lead, or a window of 150 ms or less).
    /// </summary>
    public int? PauseMs
    {
        get
        {
            int window = _settings.EffectiveSilenceMs;
            int pause = Math.Max(Math.Min(window, MinPauseMs), window - _leadMs);
            return _leadMs > 0 && pause < window ? pause : null;
        }
    }

    /// <summary>Feeds one frame's probability; reports a turn boundary if this frame makes one.</summary>
    /// <param name="probability">The VAD's speech probability for the frame.</param>
    /// <param name="frameStartMs">Where the frame starts in the input.</param>
    /// <param name="frameEndMs">Where it ends.</param>
    /// <param name="voiceEndMs">Where the voice in it ends (its last loud sample), if the caller measured it; else its end.</param>
    public TurnBoundary Process(float probability, long frameStartMs, long frameEndMs, long? voiceEndMs = null)
    {
        long speechEndMs = Math.Clamp(voiceEndMs ?? frameEndMs, frameStartMs, frameEndMs);
        if (!InSpeech)
        {
            if (probability >= _settings.Threshold)
            {
                InSpeech = true;
                _silenceStartMs = -1;
                _lastSpeechEndMs = speechEndMs;
                _lastConfidentFrameEndMs = frameEndMs;
                SpeechStartMs = Math.Max(0, frameStartMs - _settings.PrefixPaddingMs);
                return new TurnBoundary(TurnBoundaryKind.SpeechStarted, SpeechStartMs);
            }

            return default;
        }

        if (probability >= _settings.Threshold)
        {
            _lastSpeechEndMs = speechEndMs;
            _lastConfidentFrameEndMs = frameEndMs;
        }

        if (probability >= Math.Max(0.01, _settings.Threshold - Hysteresis))
        {
            _silenceStartMs = -1;
            if (_paused)
            {
                _paused = false;
                return new TurnBoundary(TurnBoundaryKind.SpeechResumed, frameStartMs);
            }

            return default;
        }

        if (_silenceStartMs < 0)
        {
            _silenceStartMs = frameStartMs - _lastConfidentFrameEndMs <= MaxFadingTailMs
                ? Math.Min(_lastSpeechEndMs, frameStartMs)
                : frameStartMs - MaxFadingTailMs;
        }

        long silentMs = frameEndMs - _silenceStartMs;
        if (silentMs >= _settings.EffectiveSilenceMs)
        {
            return Stop();
        }

        if (!_paused && PauseMs is int pauseMs && silentMs >= pauseMs)
        {
            _paused = true;
            return new TurnBoundary(TurnBoundaryKind.SpeechPaused, _silenceStartMs);
        }

        return default;
    }

    /// <summary>
    /// Closes the window between VAD frames: <paramref name="receivedMs"/> of input has arrived, the frames since the
    /// speech were silence, and <paramref name="tailQuiet"/> says the audio after the last frame is too. Reports the
    /// stop when that is the whole window, nothing otherwise (the next frame decides, as ever).
    /// </summary>
    public TurnBoundary CloseWindow(long receivedMs, bool tailQuiet)
    {
        if (!InSpeech || _silenceStartMs < 0 || !tailQuiet || receivedMs - _silenceStartMs < _settings.EffectiveSilenceMs)
        {
            return default;
        }

        return Stop();
    }

    private TurnBoundary Stop()
    {
        InSpeech = false;
        _paused = false;
        long end = _silenceStartMs;
        _silenceStartMs = -1;
        return new TurnBoundary(TurnBoundaryKind.SpeechStopped, end);
    }

    /// <summary>Forgets any turn in progress (input buffer cleared, session reconfigured).</summary>
    public void Reset()
    {
        InSpeech = false;
        _paused = false;
        _silenceStartMs = -1;
    }
}

/// <summary>What a VAD frame meant for turn-taking.</summary>
internal enum TurnBoundaryKind
{
    None,
    SpeechStarted,

    /// <summary>The silence has run long enough that the turn has probably ended: its words can be settled.</summary>
    SpeechPaused,

    /// <summary>Speech again after a pause, inside the window: the turn goes on.</summary>
    SpeechResumed,
    SpeechStopped,
}

/// <summary>A turn boundary and where it falls in the session's input audio, in milliseconds.</summary>
internal readonly record struct TurnBoundary(TurnBoundaryKind Kind, long AudioMs);
