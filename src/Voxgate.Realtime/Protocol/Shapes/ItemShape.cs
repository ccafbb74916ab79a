using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.AI;
using Voxgate.Realtime.Abstractions;

namespace Voxgate.Realtime.Protocol;

/// <summary>
/// GA conversation items both ways: <c>message</c> (with <c>input_text</c>, <c>input_audio</c>, <c>output_text</c>,
/// <c>output_audio</c> parts), <c>function_call</c> and <c>function_call_output</c>.
/// </summary>
internal static class ItemShape
{
    // Microsoft.Extensions.AI's options (they know its content types), without the indentation they come with.
    private static readonly JsonSerializerOptions s_compact = Compact();

    /// <summary>An item as a server reports it: id, object, status, and transcripts in place of audio.</summary>
    public static JsonObject ToServerJson(RealtimeConversationItem item)
    {
        string status = (item as ConversationItemSnapshot)?.Status ?? ConversationItemStatus.Completed;
        var json = new JsonObject { ["id"] = item.Id, ["object"] = "realtime.item" };
        foreach (AIContent content in item.Contents)
        {
            switch (content)
            {
                case FunctionCallContent call:
                    json["type"] = "function_call";
                    json["status"] = status;
                    json["call_id"] = call.CallId;
                    json["name"] = call.Name;
                    json["arguments"] = status == ConversationItemStatus.InProgress && call.Arguments is null ? string.Empty : Arguments(call);
                    return json;
                case FunctionResultContent result:
                    json["type"] = "function_call_output";
                    json["call_id"] = result.CallId;
                    json["output"] = Output(result);
                    return json;
            }
        }

        bool assistant = item.Role == ChatRole.Assistant;
        var parts = new JsonArray();
        foreach (AIContent content in item.Contents)
        {
            switch (content)
            {
                case TextContent text:
                    parts.Add(new JsonObject { ["type"] = assistant ? "output_text" : "input_text", ["text"] = text.Text });
                    break;
                case AudioTranscriptContent audio:
                    parts.Add(new JsonObject { ["type"] = assistant ? "output_audio" : "input_audio", ["transcript"] = audio.Transcript });
                    break;
                case DataContent data when data.HasTopLevelMediaType("audio"):
                    parts.Add(new JsonObject { ["type"] = assistant ? "output_audio" : "input_audio", ["transcript"] = null });
                    break;
                case DataContent data when data.HasTopLevelMediaType("image"):
                    parts.Add(new JsonObject { ["type"] = "input_image", ["image_url"] = data.Uri });
                    break;
                case UriContent uri:
                    parts.Add(new JsonObject { ["type"] = "input_image", ["image_url"] = uri.Uri.ToString() });
                    break;
            }
        }

        json["type"] = "message";
        json["status"] = status;
        json["role"] = item.Role?.Value ?? "user";
        json["content"] = parts;
        return json;
    }

    /// <summary>An item as a client creates it: audio travels as base64, no status.</summary>
    public static JsonObject ToClientJson(RealtimeConversationItem item)
    {
        if (item is ConversationItemReference reference)
        {
            return new JsonObject { ["type"] = "item_reference", ["id"] = reference.Id };
        }

        var json = new JsonObject();
        if (item.Id is { } id)
        {
            json["id"] = id;
        }

        foreach (AIContent content in item.Contents)
        {
            switch (content)
            {
                case FunctionCallContent call:
                    json["type"] = "function_call";
                    json["call_id"] = call.CallId;
                    json["name"] = call.Name;
                    json["arguments"] = Arguments(call);
                    return json;
                case FunctionResultContent result:
                    json["type"] = "function_call_output";
                    json["call_id"] = result.CallId;
                    json["output"] = Output(result);
                    return json;
            }
        }

        bool assistant = item.Role == ChatRole.Assistant;
        var parts = new JsonArray();
        foreach (AIContent content in item.Contents)
        {
            switch (content)
            {
                case TextContent text:
                    parts.Add(new JsonObject { ["type"] = assistant ? "output_text" : "input_text", ["text"] = text.Text });
                    break;
                case DataContent data when data.HasTopLevelMediaType("audio"):
                    parts.Add(new JsonObject { ["type"] = "input_audio", ["audio"] = Convert.ToBase64String(data.Data.Span) });
                    break;
                case DataContent data when data.HasTopLevelMediaType("image"):
                    parts.Add(new JsonObject { ["type"] = "input_image", ["image_url"] = data.Uri });
                    break;
                case UriContent uri:
                    parts.Add(new JsonObject { ["type"] = "input_image", ["image_url"] = uri.Uri.ToString() });
                    break;
                case AudioTranscriptContent audio:
                    parts.Add(new JsonObject { ["type"] = assistant ? "output_audio" : "input_audio", ["transcript"] = audio.Transcript });
                    break;
            }
        }

        json["type"] = "message";
        json["role"] = item.Role?.Value ?? "user";
        json["content"] = parts;
        return json;
    }

    /// <summary>Reads an item an upstream reported.</summary>
    public static ConversationItemSnapshot? FromJson(JsonNode? node)
    {
        if (node is not JsonObject json)
        {
            return null;
        }

        string id = Json.String(json, "id") ?? string.Empty;
        string status = Json.String(json, "status") ?? ConversationItemStatus.Completed;
        switch (Json.String(json, "type"))
        {
            case "function_call":
                string arguments = Json.String(json, "arguments") ?? string.Empty;
                return new ConversationItemSnapshot(
                    [new FunctionCallContent(Json.String(json, "call_id") ?? string.Empty, Json.String(json, "name") ?? string.Empty, ParseArguments(arguments))],
                    id, ChatRole.Assistant, status);
            case "function_call_output":
                return new ConversationItemSnapshot([new FunctionResultContent(Json.String(json, "call_id") ?? string.Empty, Json.String(json, "output"))], id, ChatRole.Tool, status);
            case "message":
                var contents = new List<AIContent>();
                foreach (JsonNode? partNode in Json.Array(json, "content") ?? [])
                {
                    if (partNode is not JsonObject part)
                    {
                        continue;
                    }

                    switch (Json.String(part, "type"))
                    {
                        case "input_text" or "output_text" or "text":
                            contents.Add(new TextContent(Json.String(part, "text")));
                            break;
                        case "input_audio" or "output_audio" or "audio":
                            contents.Add(new AudioTranscriptContent(Json.String(part, "transcript")));
                            break;
                    }
                }

                return new ConversationItemSnapshot(contents, id, Role(Json.String(json, "role")), status);
            default:
                return null;
        }
    }

    public static ChatRole Role(string? role) => role switch
    {
        "assistant" => ChatRole.Assistant,
        "system" => ChatRole.System,
        _ => ChatRole.User,
    };

    /// <summary>Tool arguments as the JSON text the protocol carries.</summary>
    public static string Arguments(FunctionCallContent call)
        => call.Arguments is null ? "{}" : JsonSerializer.Serialize(call.Arguments, s_compact.GetTypeInfo(typeof(IDictionary<string, object?>)));

    /// <summary>A tool result as the string the protocol carries: text as is, anything else as JSON.</summary>
    public static string Output(FunctionResultContent result) => result.Result switch
    {
        null => string.Empty,
        string text => text,
        JsonElement element => element.ValueKind == JsonValueKind.String ? element.GetString()! : element.GetRawText(),
        JsonNode node => node.ToJsonString(),
        object other => JsonSerializer.Serialize(other, s_compact.GetTypeInfo(other.GetType())),
    };

    public static Dictionary<string, object?>? ParseArguments(string? json)
    {
        if (string.IsNullOrWhiteSpace(json))
        {
            return null;
        }

        try
        {
            using var document = JsonDocument.Parse(json);
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                return null;
            }

            var arguments = new Dictionary<string, object?>(StringComparer.Ordinal);
            foreach (JsonProperty property in document.RootElement.EnumerateObject())
            {
                arguments[property.Name] = property.Value.Clone();
            }

            return arguments;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static JsonSerializerOptions Compact()
    {
        var options = new JsonSerializerOptions(AIJsonUtilities.DefaultOptions) { WriteIndented = false };
        options.MakeReadOnly();
        return options;
    }
}
