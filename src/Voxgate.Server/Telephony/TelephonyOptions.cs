using System.ComponentModel.DataAnnotations;

namespace Voxgate.Server.Telephony;

/// <summary>Settings shared by the phone carriers' endpoints (configuration section <c>Telephony</c>); docs/telephony.md.</summary>
public sealed class TelephonyOptions
{
    public const string SectionName = "Telephony";

    /// <summary>
    /// The https URL the carriers reach this server at (a public host, or a tunnel to it), e.g. <c>https://voice.example.com</c>.
    /// Twilio's stream URL is built from it and its signatures are checked against it; required with <c>Twilio:AuthToken</c>.
    /// </summary>
    public Uri? PublicUrl { get; set; }

    /// <summary>Serve carriers without checking who is calling (no <c>Twilio:AuthToken</c> or <c>Telnyx:StreamAuthToken</c>): for tests and tunnels only.</summary>
    public bool AllowUnsigned { get; set; }

    /// <summary>The agent's instructions on phone calls; empty means <c>Gateway:Instructions</c>.</summary>
    public string? Instructions { get; set; }

    /// <summary>How far agent audio is sent ahead of the caller's ear: small, so a barge-in's <c>clear</c> drops little that was already sent.</summary>
    [Range(40, 5000)]
    public int PlaybackLeadMs { get; set; } = 200;

    /// <summary>Agent audio goes out in chunks this long, each followed by a mark; a cut is known to within one chunk.</summary>
    [Range(20, 1000)]
    public int MediaChunkMs { get; set; } = 40;

    /// <summary>Agent audio that may wait to be paced out (a cloud model sends a long reply faster than it plays); more ends the call as too slow.</summary>
    [Range(typeof(TimeSpan), "00:00:05", "00:30:00")]
    public TimeSpan MaxQueuedAudio { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>The largest message a carrier may send; larger closes the stream with 1009 (a 20 ms media message is about 300 bytes).</summary>
    [Range(1024, 16 * 1024 * 1024)]
    public int MaxMessageBytes { get; set; } = 64 * 1024;

    /// <summary>How long a new stream may take to send its <c>start</c> message.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:05:00")]
    public TimeSpan StartTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>A stream that sends nothing this long is closed (a carrier sends audio 50 times a second, silence included).</summary>
    [Range(typeof(TimeSpan), "00:00:01", "01:00:00")]
    public TimeSpan IdleTimeout { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>The longest phone call; then it ends.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "24:00:00")]
    public TimeSpan MaxCallDuration { get; set; } = TimeSpan.FromMinutes(60);

    /// <summary>Keys pressed closer together than this are one entry for the agent ("1 2 3 4"); <c>#</c> ends an entry at once.</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "00:00:10")]
    public TimeSpan KeypadGap { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Phone calls this instance serves at once, all carriers together; more are refused with 503 before the upgrade.</summary>
    [Range(1, 100_000)]
    public int MaxCalls { get; set; } = 100;
}
