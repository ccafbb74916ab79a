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
}
