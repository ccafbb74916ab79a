using System.ComponentModel.DataAnnotations;

namespace Voxgate.Realtime.Server;

/// <summary>The <c>/v1/realtime</c> endpoint's settings (configuration section <c>Realtime</c>).</summary>
public sealed class RealtimeApiOptions
{
    /// <summary>The configuration section.</summary>
    public const string SectionName = "Realtime";

    /// <summary>Keys a client must present (Bearer, <c>api-key</c> or the <c>openai-insecure-api-key.</c> subprotocol); none means open.</summary>
#pragma warning disable CA1819 // Bound from configuration as a list.
    public string[] ApiKeys { get; set; } = [];
#pragma warning restore CA1819

    /// <summary>The largest client frame; bigger closes the connection with 1009. OpenAI allows 15 MiB of audio per append.</summary>
    [Range(64 * 1024, 256 * 1024 * 1024)]
    public int MaxMessageBytes { get; set; } = 16 * 1024 * 1024;

    /// <summary>Longest a connection may last; then <c>session_expired</c> and close 1001, as OpenAI's 60-minute limit.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "24:00:00")]
    public TimeSpan MaxSessionDuration { get; set; } = TimeSpan.FromMinutes(60);

    /// <summary>Whether clients may speak the beta dialect (<c>OpenAI-Beta: realtime=v1</c>); if not, they get <c>beta_api_shape_disabled</c>.</summary>
    public bool AllowBetaDialect { get; set; } = true;

    /// <summary>
    /// Signs the <c>ek_</c> client secrets <c>POST /v1/realtime/client_secrets</c> mints. Instances that share it accept
    /// each other's secrets; unset, each process signs with its own random key.
    /// </summary>
    public string? ClientSecretSigningKey { get; set; }

    /// <summary>WebSocket keep-alive pings.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "01:00:00")]
    public TimeSpan KeepAliveInterval { get; set; } = TimeSpan.FromSeconds(30);
}
