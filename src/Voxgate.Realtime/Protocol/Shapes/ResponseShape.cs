using System.Text.Json.Nodes;
using Microsoft.Extensions.AI;
using Voxgate.Realtime.Abstractions;

namespace Voxgate.Realtime.Protocol;

/// <summary>The GA <c>response</c> object (<c>response.created</c>/<c>.done</c>) and a client's <c>response.create</c> options.</summary>
internal static class ResponseShape
{
    public static JsonObject ToServerJson(ResponseCreatedRealtimeServerMessage response)
    {
        var output = new JsonArray();
        foreach (RealtimeConversationItem item in response.Items ?? [])
        {
            output.Add(ItemShape.ToServerJson(item));
        }

        var extended = response as ResponseRealtimeServerMessage;
        string status = response.Status ?? "in_progress";
        return new JsonObject
        {
            ["object"] = "realtime.response",
            ["id"] = response.ResponseId,
            ["status"] = status,
            ["status_details"] = StatusDetails(status, extended?.StatusReason, response.Error),
            ["output"] = output,
            ["conversation_id"] = extended?.ConversationId,
            ["output_modalities"] = new JsonArray([.. (response.OutputModalities ?? ["audio"]).Select(m => (JsonNode?)JsonValue.Create(m))]),
            ["audio"] = new JsonObject
            {
                ["output"] = new JsonObject { ["format"] = AudioFormatShape.ToJson(response.OutputAudioOptions), ["voice"] = response.OutputVoice },
            },
            ["usage"] = UsageShape.ToJson(response.Usage),
            ["metadata"] = Metadata(response.AdditionalProperties),
        };
    }

    public static ResponseRealtimeServerMessage FromJson(RealtimeServerMessageType type, JsonObject response)
    {
        JsonObject? details = Json.Object(response, "status_details");
        JsonObject? error = details is null ? null : Json.Object(details, "error");
        JsonObject? audioOut = Json.Object(response, "audio") is { } audio ? Json.Object(audio, "output") : null;
        var items = new List<RealtimeConversationItem>();
        foreach (JsonNode? node in Json.Array(response, "output") ?? [])
        {
            if (ItemShape.FromJson(node) is { } item)
            {
                items.Add(item);
            }
        }

        AdditionalPropertiesDictionary? metadata = null;
        if (Json.Object(response, "metadata") is { } meta)
        {
            metadata = [];
            foreach (KeyValuePair<string, JsonNode?> entry in meta)
            {
                metadata[entry.Key] = entry.Value?.ToString();
            }
        }

        return new ResponseRealtimeServerMessage(type)
        {
            ResponseId = Json.String(response, "id"),
            Status = Json.String(response, "status"),
            StatusReason = details is null ? null : Json.String(details, "reason"),
            Error = error is null ? null : new ErrorContent(Json.String(error, "message")) { ErrorCode = Json.String(error, "code") },
            ConversationId = Json.String(response, "conversation_id"),
            Items = items,
            OutputModalities = Json.Array(response, "output_modalities") is { } modalities ? [.. modalities.OfType<JsonValue>().Select(v => v.ToString())] : null,
            OutputVoice = audioOut is null ? null : Json.String(audioOut, "voice"),
            OutputAudioOptions = audioOut is null ? null : AudioFormatShape.FromJson(audioOut["format"]),
            Usage = UsageShape.FromJson(response["usage"]),
            AdditionalProperties = metadata,
        };
    }

    /// <summary>The <c>response</c> of a client's <c>response.create</c>, or null when it sets nothing.</summary>
    public static JsonObject? ToRequestJson(CreateResponseRealtimeClientMessage request)
    {
        var json = new JsonObject();
        if (request.Instructions is { } instructions)
        {
            json["instructions"] = instructions;
        }

        if (request.OutputModalities is { Count: > 0 } modalities)
        {
            json["output_modalities"] = new JsonArray([.. modalities.Select(m => (JsonNode?)JsonValue.Create(m))]);
        }

        if (request.MaxOutputTokens is int max)
        {
            json["max_output_tokens"] = max;
        }

        if (request.Tools is { } tools)
        {
            json["tools"] = ToolShape.ToJson(tools);
        }

        if (request.ToolMode is { } mode)
        {
            json["tool_choice"] = ToolShape.ChoiceToJson(mode);
        }

        if (request.OutputVoice is not null || request.OutputAudioOptions is not null)
        {
            var output = new JsonObject();
            if (request.OutputAudioOptions is { } format)
            {
                output["format"] = AudioFormatShape.ToJson(format);
            }

            if (request.OutputVoice is { } voice)
            {
                output["voice"] = voice;
            }

            json["audio"] = new JsonObject { ["output"] = output };
        }

        if (request.ExcludeFromConversation == true)
        {
            json["conversation"] = "none";
        }

        if (request.Items is { } items)
        {
            json["input"] = new JsonArray([.. items.Select(i => (JsonNode?)ItemShape.ToClientJson(i))]);
        }

        if (Metadata(request.AdditionalProperties) is { } metadata)
        {
            json["metadata"] = metadata;
        }

        return json.Count == 0 ? null : json;
    }

    private static JsonObject? StatusDetails(string status, string? reason, ErrorContent? error) => status switch
    {
        "cancelled" or "incomplete" => new JsonObject { ["type"] = status, ["reason"] = reason },
        "failed" => new JsonObject
        {
            ["type"] = "failed",
            ["error"] = new JsonObject { ["type"] = ProtocolError.ServerError, ["code"] = error?.ErrorCode, ["message"] = error?.Message },
        },
        _ => null,
    };

    private static JsonObject? Metadata(AdditionalPropertiesDictionary? properties)
    {
        if (properties is not { Count: > 0 })
        {
            return null;
        }

        var json = new JsonObject();
        foreach (KeyValuePair<string, object?> entry in properties)
        {
            json[entry.Key] = entry.Value?.ToString();
        }

        return json;
    }
}
