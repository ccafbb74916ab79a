using System.ComponentModel.DataAnnotations;

namespace Voxgate.Calls.Recording;

/// <summary>Call audio recordings (configuration section <c>Recording</c>). Call records are kept whatever these say.</summary>
public sealed class RecordingOptions
{
    /// <summary>The configuration section these options bind to.</summary>
    public const string SectionName = "Recording";

    /// <summary>Whether each call's audio is kept as a stereo WAV (caller left, agent right).</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>Where the WAVs go; relative paths are next to the executable.</summary>
    [Required]
    public string Folder { get; set; } = "data/recordings";

    /// <summary>Days a recording is kept; 0 keeps them for ever. Older ones are deleted hourly (the call record stays).</summary>
    [Range(0, 36500)]
    public int RetentionDays { get; set; } = 30;

    /// <summary>
    /// Most notes (audio frames, turns) waiting for the writer across all calls. Audio is dropped, counted and logged
    /// when the queue is nine-tenths full, so turns and ends always have room.
    /// </summary>
    [Range(1024, 1_000_000)]
    public int QueueCapacity { get; set; } = 32768;

    /// <summary>The folder as an absolute path.</summary>
    public string FullFolder => Path.GetFullPath(Folder, AppContext.BaseDirectory);

    /// <summary>The path of a recording the store names; only a file name is taken, so a stored value cannot point elsewhere.</summary>
    public string PathOf(string file) => Path.Combine(FullFolder, Path.GetFileName(file));
}
