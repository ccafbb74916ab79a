using System.ComponentModel.DataAnnotations;

namespace Voxgate.Realtime.Client;

/// <summary>Where and how <see cref="WebSocketRealtimeClient"/> connects.</summary>
public sealed class WebSocketRealtimeClientOptions
{
    /// <summary>OpenAI's GA realtime endpoint.</summary>
    public static readonly Uri OpenAIEndpoint = new("wss://api.openai.com/v1/realtime");

    /// <summary>
    /// The realtime URL (<c>wss://…/v1/realtime</c>), or a base URL as the OpenAI SDKs take it (<c>http://host:8080/v1</c>):
    /// http(s) becomes ws(s) and <c>/realtime</c> is added when missing.
    /// </summary>
    public Uri Endpoint { get; init; } = OpenAIEndpoint;

    /// <summary>The model (for Azure, the deployment), sent as <c>?model=</c>.</summary>
    [Required]
    public string Model { get; init; } = "gpt-realtime";

    /// <summary>Sent as <c>Authorization: Bearer</c> unless null.</summary>
    public string? ApiKey { get; init; }

    /// <summary>More headers for the upgrade (Azure's <c>api-key</c>).</summary>
    public IReadOnlyDictionary<string, string> Headers { get; init; } = new Dictionary<string, string>();

    /// <summary>How long connecting and the first configuration may take before the session counts as unavailable.</summary>
    public TimeSpan ConnectTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>The largest event accepted from the upstream; a bigger one fails the session.</summary>
    public int MaxMessageBytes { get; init; } = 16 * 1024 * 1024;

    /// <summary>The provider's name for <see cref="Microsoft.Extensions.AI.ChatClientMetadata"/> and telemetry.</summary>
    public string ProviderName { get; init; } = "openai";

    /// <summary>The WebSocket URL sessions connect to: the model for a conversation, <c>intent=transcription</c> for a transcription session.</summary>
    public Uri SessionUri(bool transcription = false)
    {
        var builder = new UriBuilder(Endpoint);
        builder.Scheme = builder.Scheme switch
        {
            "http" => "ws",
            "https" => "wss",
            string other => other,
        };
        if (builder.Port == 80 && builder.Scheme == "ws" || builder.Port == 443 && builder.Scheme == "wss")
        {
            builder.Port = -1;
        }

        string path = builder.Path.TrimEnd('/');
        builder.Path = path.EndsWith("/realtime", StringComparison.Ordinal) ? path : path + "/realtime";
        // OpenAI takes a transcription session's model from its session.update, not the URL.
        builder.Query = transcription ? "intent=transcription" : "model=" + Uri.EscapeDataString(Model);
        return builder.Uri;
    }
}
