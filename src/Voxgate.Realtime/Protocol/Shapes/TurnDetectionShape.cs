using System.Text.Json.Nodes;
using Microsoft.Extensions.AI;
using Voxgate.Realtime.Abstractions;

namespace Voxgate.Realtime.Protocol;

/// <summary>GA <c>audio.input.turn_detection</c>: <c>server_vad</c> or <c>semantic_vad</c> with their settings, or null for manual turns.</summary>
internal static class TurnDetectionShape
{
    public const string ServerVad = "server_vad";
    public const string SemanticVad = "semantic_vad";

    /// <summary>The settings that are set; null when detection is off.</summary>
    public static JsonObject? ToJson(VoiceActivityDetectionOptions vad)
    {
        if (!vad.Enabled)
        {
            return null;
        }

        var turn = vad as TurnDetectionOptions;
        bool semantic = turn?.Kind == TurnDetectionKind.SemanticVad;
        var json = new JsonObject { ["type"] = semantic ? SemanticVad : ServerVad };
        if (turn is not null)
        {
            if (semantic)
            {
                Set(json, "eagerness", turn.Eagerness);
            }
            else
            {
                Set(json, "threshold", turn.Threshold);
                Set(json, "prefix_padding_ms", turn.PrefixPaddingMs);
                Set(json, "silence_duration_ms", turn.SilenceDurationMs);
                Set(json, "idle_timeout_ms", turn.IdleTimeoutMs);
            }
        }

        json["create_response"] = turn?.CreateResponse ?? true;
        json["interrupt_response"] = vad.AllowInterruption;
        return json;
    }

    /// <summary>Reads what an upstream reported; null JSON is manual turns.</summary>
    public static TurnDetectionOptions FromJson(JsonNode? node)
    {
        if (node is not JsonObject json)
        {
            return new TurnDetectionOptions { Enabled = false };
        }

        bool semantic = Json.String(json, "type") == SemanticVad;
        return new TurnDetectionOptions
        {
            Enabled = true,
            Kind = semantic ? TurnDetectionKind.SemanticVad : TurnDetectionKind.ServerVad,
            Threshold = Json.Number(json, "threshold"),
            PrefixPaddingMs = (int?)Json.Integer(json, "prefix_padding_ms"),
            SilenceDurationMs = (int?)Json.Integer(json, "silence_duration_ms"),
            IdleTimeoutMs = (int?)Json.Integer(json, "idle_timeout_ms"),
            CreateResponse = Json.Bool(json, "create_response"),
            AllowInterruption = Json.Bool(json, "interrupt_response") ?? true,
            Eagerness = Json.String(json, "eagerness"),
        };
    }

    private static void Set(JsonObject json, string name, JsonNode? value)
    {
        if (value is not null)
        {
            json[name] = value;
        }
    }
}
