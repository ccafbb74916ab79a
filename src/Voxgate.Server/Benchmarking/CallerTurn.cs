namespace Voxgate.Server.Benchmarking;

/// <summary>
/// One turn of a simulated caller: when its last voiced frame was sent and when the session's answers arrived,
/// all as <see cref="System.Diagnostics.Stopwatch"/> timestamps (0 = not seen).
/// </summary>
internal sealed class CallerTurn(long lastVoicedSentAt, int caller, int prompt)
{
    public long LastVoicedSentAt { get; } = lastVoicedSentAt;

    /// <summary>Which caller spoke it (0-based).</summary>
    public int Caller { get; } = caller;

    /// <summary>Which of the prompts was spoken (an index into <see cref="LoadTestSettings.Prompts"/>).</summary>
    public int Prompt { get; } = prompt;

    public long SpeechStoppedAt { get; set; }

    public long TranscribedAt { get; set; }

    public string? Transcript { get; set; }

    public string? ResponseId { get; set; }

    public long FirstAudioAt { get; set; }

    public long DoneAt { get; set; }

    /// <summary>Reply audio received so far, in milliseconds of playback.</summary>
    public double AudioMs { get; set; }

    /// <summary>When playback of what has arrived would end, had it started with the first chunk.</summary>
    public long PlayoutEndsAt { get; set; }

    /// <summary>Times playback would have run dry before the next chunk arrived, and for how long in total.</summary>
    public int Underruns { get; set; }

    public double UnderrunMs { get; set; }
}
