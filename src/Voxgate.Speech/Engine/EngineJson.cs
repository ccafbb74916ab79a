using System.Text.Json.Nodes;
using Microsoft.Extensions.AI;

namespace Voxgate.Speech.Engine;

/// <summary>
/// The OpenAI GA shapes of items, responses and errors, as <see cref="JsonObject"/>s. They travel as the
/// <c>RawRepresentation</c> of the engine's messages, so a protocol layer can relay them field for field.
/// </summary>
internal static class EngineJson
{
    public static JsonObject Item(ConversationItem item)
    {
        var json = new JsonObject
        {
            ["id"] = item.Id,
            ["object"] = "realtime.item",
            ["type"] = item.Kind switch
            {
                ConversationItemKind.FunctionCall => "function_call",
                ConversationItemKind.FunctionCallOutput => "function_call_output",
                _ => "message",
            },
            ["status"] = item.Status,
        };
        switch (item.Kind)
        {
            case ConversationItemKind.Message:
                json["role"] = item.Role.Value;
                json["content"] = new JsonArray(Content(item));
                break;
            case ConversationItemKind.FunctionCall:
                json["call_id"] = item.CallId;
                json["name"] = item.Name;
                json["arguments"] = item.Arguments ?? string.Empty;
                break;
            case ConversationItemKind.FunctionCallOutput:
                json["call_id"] = item.CallId;
                json["output"] = item.Output ?? string.Empty;
                break;
        }

        return json;
    }

    public static JsonObject Content(ConversationItem item)
    {
        bool user = item.Role != ChatRole.Assistant;
        return (user, item.IsAudio) switch
        {
            (true, true) => new JsonObject { ["type"] = "input_audio", ["transcript"] = item.Text },
            (true, false) => new JsonObject { ["type"] = "input_text", ["text"] = item.Text ?? string.Empty },
            (false, true) => new JsonObject { ["type"] = "output_audio", ["transcript"] = item.Text ?? string.Empty },
            (false, false) => new JsonObject { ["type"] = "output_text", ["text"] = item.Text ?? string.Empty },
        };
    }

    /// <summary>The content part of a response's message, as in <c>response.content_part.added/done</c>.</summary>
    public static JsonObject Part(bool audio, string text)
        => audio ? new JsonObject { ["type"] = "audio", ["transcript"] = text } : new JsonObject { ["type"] = "text", ["text"] = text };

    public static JsonObject Usage(int inputTokens, int outputTokens, int inputAudioTokens, int outputAudioTokens) => new()
    {
        ["total_tokens"] = inputTokens + outputTokens,
        ["input_tokens"] = inputTokens,
        ["output_tokens"] = outputTokens,
        ["input_token_details"] = new JsonObject
        {
            ["text_tokens"] = inputTokens - inputAudioTokens,
            ["audio_tokens"] = inputAudioTokens,
            ["image_tokens"] = 0,
            ["cached_tokens"] = 0,
        },
        ["output_token_details"] = new JsonObject
        {
            ["text_tokens"] = outputTokens - outputAudioTokens,
            ["audio_tokens"] = outputAudioTokens,
        },
    };

    public static RealtimeConversationItem ToRealtimeItem(ConversationItem item)
    {
        List<AIContent> contents = item.Kind switch
        {
            ConversationItemKind.FunctionCall => [new FunctionCallContent(item.CallId!, item.Name!, Conversation.ParseArguments(item.Arguments))],
            ConversationItemKind.FunctionCallOutput => [new FunctionResultContent(item.CallId!, item.Output)],
            _ => item.Text is null ? [] : [new TextContent(item.Text)],
        };
        return new RealtimeConversationItem(contents, item.Id, item.Role) { RawRepresentation = Item(item) };
    }
}
