using System.ComponentModel.DataAnnotations;

namespace Voxgate.Calls.Analytics;

/// <summary>Post-call scoring (configuration section <c>Analytics</c>).</summary>
public sealed class AnalyticsOptions
{
    /// <summary>The configuration section these options bind to.</summary>
    public const string SectionName = "Analytics";

    /// <summary>VADER's lexicon; relative paths are next to the executable.</summary>
    [Required]
    public string LexiconPath { get; set; } = "models/vader/vader_lexicon.txt";

    /// <summary>Attempts before a call's scoring is marked failed.</summary>
    [Range(1, 20)]
    public int MaxAttempts { get; set; } = 3;

    /// <summary>Wait before the first retry; each further retry waits twice as long.</summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "01:00:00")]
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>How often the queue is looked at besides when a call ends (it finds other instances' calls and retries).</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "01:00:00")]
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>The chat model the LLM scorer asks, when a chat endpoint is configured.</summary>
    public string? Model { get; set; }

    public string FullLexiconPath => Path.GetFullPath(LexiconPath, AppContext.BaseDirectory);
}
