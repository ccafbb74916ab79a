namespace Voxgate.Server.Upstream;

/// <summary>The model connection (configuration section <c>Upstream</c>).</summary>
public sealed class UpstreamOptions
{
    public const string SectionName = "Upstream";

    /// <summary>The environment variable that, set alone, selects <see cref="UpstreamKind.OpenAI"/>.</summary>
    public const string OpenAIKeyVariable = "OPENAI_API_KEY";

    /// <summary><c>local</c> (default), <c>openai</c>, <c>azure</c> or <c>custom</c>; null means local unless <c>OPENAI_API_KEY</c> is set.</summary>
    public UpstreamKind? Kind { get; set; }

    /// <summary>The service's address: the Azure resource (<c>https://NAME.openai.azure.com</c>) or the custom base URL (<c>http://host:8080/v1</c>).</summary>
    public string? Endpoint { get; set; }

    /// <summary>The Azure deployment name (used as the model).</summary>
    public string? Deployment { get; set; }

    /// <summary>The model to ask for; <c>gpt-realtime</c> by default.</summary>
    public string? Model { get; set; }

    /// <summary>The voice sessions start with, unless a client names one.</summary>
    public string? Voice { get; set; }

    /// <summary>The key; for <c>openai</c>, <c>OPENAI_API_KEY</c> is used when this is empty.</summary>
    public string? ApiKey { get; set; }

    /// <summary>How long opening a remote session (connect and first configuration) may take before the call is refused (1011).</summary>
    [System.ComponentModel.DataAnnotations.Range(typeof(TimeSpan), "00:00:00.100", "00:05:00")]
    public TimeSpan ConnectTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>The largest event accepted from a remote upstream; a bigger one fails the session (1011). OpenAI's events are far smaller.</summary>
    [System.ComponentModel.DataAnnotations.Range(64 * 1024, 256 * 1024 * 1024)]
    public int MaxEventBytes { get; set; } = 4 * 1024 * 1024;
}
