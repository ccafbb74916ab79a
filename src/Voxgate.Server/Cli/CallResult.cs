using System.Text.Json.Serialization;
using Voxgate.Audio;

namespace Voxgate.Server.Cli;

/// <summary>What <c>voxgate call</c> observed.</summary>
internal sealed record CallResult(
    [property: JsonPropertyName("user")] string UserTranscript,
    [property: JsonPropertyName("agent")] string AgentTranscript,
    [property: JsonPropertyName("status")] string Status,
    [property: JsonPropertyName("latency_ms")] long LatencyMs,
    [property: JsonPropertyName("server_latency_ms")] long? ServerLatencyMs,
    [property: JsonPropertyName("reply_ms")] long ReplyMs,
    [property: JsonPropertyName("upstream")] string? Upstream)
{
    [JsonIgnore]
    public byte[] ReplyPcm { get; init; } = [];

    public AudioClip ReplyAudio()
    {
        var samples = new float[ReplyPcm.Length / 2];
        Pcm16.ToFloat(ReplyPcm, samples);
        return new AudioClip(samples, 24000, 1);
    }
}

[JsonSourceGenerationOptions(WriteIndented = true)]
[JsonSerializable(typeof(CallResult))]
internal sealed partial class CallJsonContext : JsonSerializerContext;

/// <summary>The call ended without a usable answer; the message says why.</summary>
internal sealed class CallFailedException(string message) : Exception(message);
