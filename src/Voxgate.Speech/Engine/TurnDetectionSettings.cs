using System.Text.Json.Nodes;

namespace Voxgate.Speech.Engine;

/// <summary>
/// Server VAD settings, as OpenAI's <c>turn_detection</c> of type <c>server_vad</c>. Pass an instance through
/// <see cref="Microsoft.Extensions.AI.RealtimeSessionOptions.RawRepresentationFactory"/> to tune a session;
/// <see cref="Microsoft.Extensions.AI.VoiceActivityDetectionOptions"/> switches it on or off.
/// </summary>
public sealed record TurnDetectionSettings
{
    /// <summary>Server VAD as OpenAI configures it by default.</summary>
    public static readonly TurnDetectionSettings Default = new();

    /// <summary>False for manual turns: the client commits and asks for responses itself.</summary>
    public bool Enabled { get; init; } = true;

    /// <summary>Speech probability (0–1) at which a frame counts as speech.</summary>
    public double Threshold { get; init; } = 0.5;

    /// <summary>Audio kept from before speech was detected, in milliseconds.</summary>
    public int PrefixPaddingMs { get; init; } = 300;

    /// <summary>Silence that ends a turn, in milliseconds.</summary>
    public int SilenceDurationMs { get; init; } = 500;

    /// <summary>Whether the end of a turn starts a response.</summary>
    public bool CreateResponse { get; init; } = true;

    /// <summary>Whether speech during a response cancels it (barge-in).</summary>
    public bool InterruptResponse { get; init; } = true;

    /// <summary>
    /// Reads an OpenAI <c>turn_detection</c> object (<c>{"type":"server_vad","threshold":0.5,…}</c>); absent fields
    /// keep this instance's values. <c>null</c> JSON means manual turns.
    /// </summary>
    public TurnDetectionSettings With(JsonNode? turnDetection)
    {
        if (turnDetection is not JsonObject json)
        {
            return this with { Enabled = false };
        }

        return this with
        {
            Enabled = true,
            Threshold = (double?)json["threshold"] ?? Threshold,
            PrefixPaddingMs = (int?)json["prefix_padding_ms"] ?? PrefixPaddingMs,
            SilenceDurationMs = (int?)json["silence_duration_ms"] ?? SilenceDurationMs,
            CreateResponse = (bool?)json["create_response"] ?? CreateResponse,
            InterruptResponse = (bool?)json["interrupt_response"] ?? InterruptResponse,
        };
    }

    /// <summary>This configuration as an OpenAI <c>turn_detection</c> object, or null for manual turns.</summary>
    public JsonObject? ToJson() => !Enabled ? null : new JsonObject
    {
        ["type"] = "server_vad",
        ["threshold"] = Threshold,
        ["prefix_padding_ms"] = PrefixPaddingMs,
        ["silence_duration_ms"] = SilenceDurationMs,
        ["create_response"] = CreateResponse,
        ["interrupt_response"] = InterruptResponse,
    };

    /// <summary>Checks the ranges OpenAI accepts; returns the problem or null.</summary>
    public string? Validate()
        => Threshold is < 0 or > 1 ? "turn_detection.threshold must be between 0 and 1"
        : PrefixPaddingMs is < 0 or > 10_000 ? "turn_detection.prefix_padding_ms must be between 0 and 10000"
        : SilenceDurationMs is < 0 or > 10_000 ? "turn_detection.silence_duration_ms must be between 0 and 10000"
        : null;
}
