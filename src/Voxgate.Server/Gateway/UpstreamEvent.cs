using System.Text.Json.Nodes;
using Microsoft.Extensions.AI;

namespace Voxgate.Server.Gateway;

/// <summary>
/// Recognises the upstream events the gateway acts on, whichever upstream sent them: Microsoft.Extensions.AI's
/// typed messages, the local engine's named ones, and the OpenAI adapter's raw SDK updates.
/// </summary>
internal static class UpstreamEvent
{
    public static bool IsSpeechStarted(RealtimeServerMessage message) => Is(message, "InputAudioBufferSpeechStarted", "SpeechStarted");

    public static bool IsSpeechStopped(RealtimeServerMessage message) => Is(message, "InputAudioBufferSpeechStopped", "SpeechStopped");

    /// <summary>A field of the event's raw JSON form, when it has one.</summary>
    public static string? Field(RealtimeServerMessage message, string name)
        => message.RawRepresentation is JsonObject json && json[name] is JsonValue value ? value.ToString() : null;

    public static long? Number(RealtimeServerMessage message, string name)
        => message.RawRepresentation is JsonObject json && json[name] is JsonValue value && value.TryGetValue(out long n) ? n
        : message.RawRepresentation is JsonObject j && j[name] is JsonValue v && v.TryGetValue(out int i) ? i
        : null;

    private static bool Is(RealtimeServerMessage message, string typeName, string sdkSuffix)
    {
        if (message.Type.Value == typeName)
        {
            return true;
        }

        // The OpenAI adapter passes events Microsoft.Extensions.AI has no type for as raw SDK updates.
        return message.Type == RealtimeServerMessageType.RawContentOnly
            && message.RawRepresentation?.GetType().Name.EndsWith(sdkSuffix, StringComparison.Ordinal) == true;
    }
}
