using System.ComponentModel.DataAnnotations;

namespace Voxgate.Speech.Engine;

/// <summary>Per-session limits of the local engine (configuration section <c>Engine:Limits</c>).</summary>
public sealed class EngineLimits
{
    /// <summary>Longest a session may last; then it ends with <c>session_expired</c>, as OpenAI's do after 60 minutes.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "24:00:00")]
    public TimeSpan MaxSessionDuration { get; set; } = TimeSpan.FromMinutes(60);

    /// <summary>Most uncommitted input audio held, in seconds (manual turns only; VAD commits by itself).</summary>
    [Range(1, 3600)]
    public int MaxBufferedAudioSeconds { get; set; } = 120;

    /// <summary>Most conversation items kept; the oldest go first.</summary>
    [Range(2, 100_000)]
    public int MaxConversationItems { get; set; } = 500;

    /// <summary>How far reply audio may run ahead of the session clock, in milliseconds.</summary>
    /// <remarks>
    /// Enough for any client's jitter buffer, small enough that barge-in stops synthesis instead of wasting it.
    /// </remarks>
    [Range(100, 60_000)]
    public int OutputLeadMs { get; set; } = 1500;

    /// <summary>
    /// How long before server VAD's silence window closes the engine settles the caller's words and prepares the reply
    /// unseen (preemptive generation), in milliseconds; 0 waits for the window, as before.
    /// </summary>
    /// <remarks>
    /// Enough for recognition's last pass, the brain and the first chunk of speech, so the reply goes out the moment the
    /// window closes. The words always keep at least 150 ms of the silence after them (or the whole window, if shorter).
    /// </remarks>
    [Range(0, 10_000)]
    public int PreemptiveLeadMs { get; set; } = 250;
}
