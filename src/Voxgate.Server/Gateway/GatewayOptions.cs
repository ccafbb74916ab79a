using System.ComponentModel.DataAnnotations;

namespace Voxgate.Server.Gateway;

/// <summary>Settings of the browser gateway <c>/ws</c> (configuration section <c>Gateway</c>).</summary>
public sealed class GatewayOptions
{
    public const string SectionName = "Gateway";

    /// <summary>The agent's instructions for every session.</summary>
    [Required]
    public string Instructions { get; set; } = "You are a concise voice assistant. Reply in 1-2 short sentences.";

    /// <summary>The voice; empty means the upstream's default.</summary>
    public string? Voice { get; set; }

    /// <summary>
    /// The model that transcribes the caller for a cloud upstream (OpenAI's GA API needs one to send user transcripts):
    /// <c>whisper-1</c> as in the tutorial, or <c>gpt-4o-transcribe</c>; for Azure, a deployment name. The local engine
    /// always uses its own recogniser.
    /// </summary>
    [Required]
    public string TranscriptionModel { get; set; } = "whisper-1";

    /// <summary>Server VAD speech threshold (0–1).</summary>
    [Range(0.0, 1.0)]
    public double VadThreshold { get; set; } = 0.55;

    /// <summary>Audio kept from before speech was detected.</summary>
    [Range(0, 5000)]
    public int PrefixPaddingMs { get; set; } = 300;

    /// <summary>Silence that ends the person's turn.</summary>
    [Range(100, 5000)]
    public int SilenceDurationMs { get; set; } = 500;

    /// <summary>Origins (scheme://host[:port]) allowed besides the server's own; "*" allows any.</summary>
    public string[] AllowedOrigins { get; set; } = [];

    /// <summary>When set, a client must present one of these tokens (or a session token from POST /api/session).</summary>
    public string[] ClientTokens { get; set; } = [];

    /// <summary>Key that signs session tokens; instances behind one load balancer need the same. Random per process when empty.</summary>
    public string? SessionTokenSecret { get; set; }

    /// <summary>How long a token from POST /api/session may be used to connect.</summary>
    [Range(typeof(TimeSpan), "00:00:05", "01:00:00")]
    public TimeSpan SessionTokenLifetime { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>Sessions this instance serves at once; more are closed with 1013.</summary>
    [Range(1, 100_000)]
    public int MaxSessions { get; set; } = 200;

    /// <summary>Sessions one client address may hold at once.</summary>
    [Range(1, 100_000)]
    public int MaxSessionsPerIp { get; set; } = 20;

    /// <summary>The largest WebSocket message accepted from a client; larger closes with 1009.</summary>
    [Range(1024, 16 * 1024 * 1024)]
    public int MaxFrameBytes { get; set; } = 64 * 1024;

    /// <summary>A session that receives nothing from its client this long is closed (1008).</summary>
    [Range(typeof(TimeSpan), "00:00:01", "01:00:00")]
    public TimeSpan IdleTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>The longest call; then it ends normally (1000).</summary>
    [Range(typeof(TimeSpan), "00:00:01", "24:00:00")]
    public TimeSpan MaxCallDuration { get; set; } = TimeSpan.FromMinutes(60);

    /// <summary>Frames waiting to be sent to one client; a client that lets it fill is too slow and is closed (1008).</summary>
    [Range(16, 100_000)]
    public int SendQueueFrames { get; set; } = 1000;

    /// <summary>
    /// On SIGTERM the server stops taking calls at once; calls already in progress may go on this long before they are
    /// ended with <c>server_stopping</c> (1001). Zero ends them at once. Behind a load balancer, new calls meanwhile go to
    /// the other instances.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00", "01:00:00")]
    public TimeSpan DrainTimeout { get; set; } = TimeSpan.Zero;
}
