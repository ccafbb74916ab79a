using System.Text.Json.Nodes;
using Microsoft.Extensions.AI;
using Voxgate.Realtime.Abstractions;

namespace Voxgate.Realtime.Protocol;

/// <summary>GA audio formats: <c>{"type":"audio/pcm","rate":24000}</c>, <c>{"type":"audio/pcmu"}</c>, <c>{"type":"audio/pcma"}</c>.</summary>
internal static class AudioFormatShape
{
    public static JsonObject? ToJson(RealtimeAudioFormat? format) => format?.MediaType.ToLowerInvariant() switch
    {
        null => null,
        RealtimeAudioFormats.MuLawMediaType or RealtimeAudioFormats.ALawMediaType => new JsonObject { ["type"] = format.MediaType.ToLowerInvariant() },
        _ => new JsonObject { ["type"] = RealtimeAudioFormats.PcmMediaType, ["rate"] = format.SampleRate <= 0 ? 24000 : format.SampleRate },
    };

    /// <summary>Reads a format an upstream reported; anything unrecognised is left null.</summary>
    public static RealtimeAudioFormat? FromJson(JsonNode? node)
    {
        if (node is not JsonObject json || Json.String(json, "type") is not { } type)
        {
            return null;
        }

        return type switch
        {
            RealtimeAudioFormats.MuLawMediaType => RealtimeAudioFormats.MuLaw,
            RealtimeAudioFormats.ALawMediaType => RealtimeAudioFormats.ALaw,
            RealtimeAudioFormats.PcmMediaType => new RealtimeAudioFormat(RealtimeAudioFormats.PcmMediaType, (int)(Json.Integer(json, "rate") ?? 24000)),
            _ => null,
        };
    }
}
