using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.AI;

namespace Voxgate.Realtime.Protocol;

/// <summary>
/// Maps a Microsoft.Extensions.AI <see cref="RealtimeServerMessage"/> to a GA wire event. Raw JSON the upstream
/// attached is relayed field for field; typed fields fill in when there is none, so any <see cref="IRealtimeClient"/> works.
/// </summary>
internal static class ServerEventMapper
{
    /// <summary>The GA event for <paramref name="message"/>, or null when it has nothing to say on the wire.</summary>
    public static WireEvent? ToGa(RealtimeServerMessage message, IRawServerEventConverter? converter)
    {
        string? id = message.MessageId;
        object? raw = message.RawRepresentation;
        if (raw is not (null or JsonObject or ReadOnlyMemory<byte> or byte[] or string) && converter?.ToWireEvent(raw) is { } converted
            && converted["type"] is JsonValue typeValue && typeValue.GetValueKind() == JsonValueKind.String)
        {
            // The upstream's own event, exactly as it was on its wire.
            return new WireEvent(typeValue.GetValue<string>(), converted, (string?)converted["event_id"] ?? id);
        }

        JsonObject? rawJson = raw as JsonObject;
        switch (message)
        {
            case ErrorRealtimeServerMessage error:
                return new WireEvent(RealtimeEventNames.Error, new JsonObject { ["error"] = ErrorJson(error, rawJson) }, id);
            case ResponseCreatedRealtimeServerMessage response:
                return new WireEvent(response.Type == RealtimeServerMessageType.ResponseDone ? RealtimeEventNames.ResponseDone : RealtimeEventNames.ResponseCreated,
                    new JsonObject { ["response"] = rawJson?.DeepClone() ?? ResponseJson(response) }, id);
            case ResponseOutputItemRealtimeServerMessage item when item.Type == RealtimeServerMessageType.ResponseOutputItemAdded || item.Type == RealtimeServerMessageType.ResponseOutputItemDone:
                return new WireEvent(item.Type == RealtimeServerMessageType.ResponseOutputItemAdded ? RealtimeEventNames.ResponseOutputItemAdded : RealtimeEventNames.ResponseOutputItemDone,
                    new JsonObject { ["response_id"] = item.ResponseId, ["output_index"] = item.OutputIndex ?? 0, ["item"] = ItemJson(item.Item) }, id);
            case ResponseOutputItemRealtimeServerMessage item when item.Type == RealtimeServerMessageType.ConversationItemAdded || item.Type == RealtimeServerMessageType.ConversationItemDone:
                return new WireEvent(item.Type == RealtimeServerMessageType.ConversationItemAdded ? RealtimeEventNames.ConversationItemAdded : RealtimeEventNames.ConversationItemDone,
                    rawJson is not null && rawJson.ContainsKey("item") ? rawJson : new JsonObject { ["previous_item_id"] = null, ["item"] = ItemJson(item.Item) }, id);
            case OutputTextAudioRealtimeServerMessage output:
                return Output(output, id);
            case InputAudioTranscriptionRealtimeServerMessage transcription:
                return Transcription(transcription, id);
        }

        if (RealtimeEventNames.ToWireName(message.Type) is { } name && rawJson is not null)
        {
            return new WireEvent(name, rawJson, id);
        }

        // An upstream's raw-only event that is already a whole GA event.
        if (rawJson?["type"] is JsonValue type && type.GetValueKind() == JsonValueKind.String)
        {
            var fields = (JsonObject)rawJson.DeepClone();
            fields.Remove("type");
            fields.Remove("event_id");
            return new WireEvent(type.GetValue<string>(), fields, id);
        }

        return null;
    }

    private static WireEvent Output(OutputTextAudioRealtimeServerMessage output, string? id)
    {
        var fields = new JsonObject
        {
            ["response_id"] = output.ResponseId,
            ["item_id"] = output.ItemId,
            ["output_index"] = output.OutputIndex ?? 0,
            ["content_index"] = output.ContentIndex ?? 0,
        };
        RealtimeServerMessageType type = output.Type;
        string name;
        if (type == RealtimeServerMessageType.OutputAudioDelta)
        {
            name = RealtimeEventNames.OutputAudioDelta;
            fields["delta"] = output.Audio ?? (output.RawRepresentation is ReadOnlyMemory<byte> bytes ? Convert.ToBase64String(bytes.Span) : string.Empty);
        }
        else if (type == RealtimeServerMessageType.OutputAudioDone)
        {
            name = RealtimeEventNames.OutputAudioDone;
        }
        else if (type == RealtimeServerMessageType.OutputAudioTranscriptionDelta)
        {
            name = RealtimeEventNames.OutputAudioTranscriptDelta;
            fields["delta"] = output.Text ?? string.Empty;
        }
        else if (type == RealtimeServerMessageType.OutputAudioTranscriptionDone)
        {
            name = RealtimeEventNames.OutputAudioTranscriptDone;
            fields["transcript"] = output.Text ?? string.Empty;
        }
        else if (type == RealtimeServerMessageType.OutputTextDelta)
        {
            name = RealtimeEventNames.OutputTextDelta;
            fields["delta"] = output.Text ?? string.Empty;
        }
        else
        {
            name = RealtimeEventNames.OutputTextDone;
            fields["text"] = output.Text ?? string.Empty;
        }

        return new WireEvent(name, fields, id);
    }

    private static WireEvent? Transcription(InputAudioTranscriptionRealtimeServerMessage message, string? id)
    {
        var fields = new JsonObject { ["item_id"] = message.ItemId, ["content_index"] = message.ContentIndex ?? 0 };
        if (message.Type == RealtimeServerMessageType.InputAudioTranscriptionDelta)
        {
            fields["delta"] = message.Transcription ?? string.Empty;
            return new WireEvent(RealtimeEventNames.InputTranscriptionDelta, fields, id);
        }

        if (message.Type == RealtimeServerMessageType.InputAudioTranscriptionCompleted)
        {
            fields["transcript"] = message.Transcription ?? string.Empty;
            UsageDetails? usage = message.Usage;
            fields["usage"] = new JsonObject
            {
                ["type"] = "tokens",
                ["total_tokens"] = usage?.TotalTokenCount ?? 0,
                ["input_tokens"] = usage?.InputTokenCount ?? usage?.InputAudioTokenCount ?? 0,
                ["input_token_details"] = new JsonObject { ["text_tokens"] = 0, ["audio_tokens"] = usage?.InputAudioTokenCount ?? 0 },
                ["output_tokens"] = usage?.OutputTokenCount ?? usage?.OutputTextTokenCount ?? 0,
            };
            return new WireEvent(RealtimeEventNames.InputTranscriptionCompleted, fields, id);
        }

        if (message.Type == RealtimeServerMessageType.InputAudioTranscriptionFailed)
        {
            fields["error"] = new JsonObject
            {
                ["type"] = "transcription_error",
                ["code"] = message.Error?.ErrorCode,
                ["message"] = message.Error?.Message ?? "Transcription failed.",
                ["param"] = message.Error?.Details,
            };
            return new WireEvent(RealtimeEventNames.InputTranscriptionFailed, fields, id);
        }

        return null;
    }

    /// <summary>OpenAI's error object: <c>{type, code, message, param, event_id}</c>, carrying the client's event id.</summary>
    private static JsonObject ErrorJson(ErrorRealtimeServerMessage error, JsonObject? raw) => new()
    {
        ["type"] = (string?)(raw?["type"] as JsonValue) ?? ProtocolError.InvalidRequest,
        ["code"] = error.Error?.ErrorCode ?? (string?)(raw?["code"] as JsonValue),
        ["message"] = error.Error?.Message ?? (string?)(raw?["message"] as JsonValue) ?? "The server reported an error.",
        ["param"] = error.Error?.Details ?? (string?)(raw?["param"] as JsonValue),
        ["event_id"] = error.OriginatingMessageId ?? (string?)(raw?["event_id"] as JsonValue),
    };

    public static JsonObject ErrorJson(ProtocolError error) => new()
    {
        ["type"] = error.Type,
        ["code"] = error.Code,
        ["message"] = error.Message,
        ["param"] = error.Param,
        ["event_id"] = error.EventId,
    };

    private static JsonObject ResponseJson(ResponseCreatedRealtimeServerMessage response)
    {
        var output = new JsonArray();
        foreach (RealtimeConversationItem item in response.Items ?? [])
        {
            output.Add(ItemJson(item));
        }

        UsageDetails? usage = response.Usage;
        return new JsonObject
        {
            ["object"] = "realtime.response",
            ["id"] = response.ResponseId,
            ["status"] = response.Status ?? "in_progress",
            ["status_details"] = response.Error is { } error
                ? new JsonObject { ["type"] = "failed", ["error"] = new JsonObject { ["type"] = "server_error", ["code"] = error.ErrorCode, ["message"] = error.Message } }
                : null,
            ["output"] = output,
            ["conversation_id"] = null,
            ["output_modalities"] = new JsonArray([.. (response.OutputModalities ?? ["audio"]).Select(m => (JsonNode?)JsonValue.Create(m))]),
            ["audio"] = new JsonObject
            {
                ["output"] = new JsonObject { ["format"] = FormatJson(response.OutputAudioOptions), ["voice"] = response.OutputVoice },
            },
            ["usage"] = usage is null ? null : new JsonObject
            {
                ["total_tokens"] = usage.TotalTokenCount ?? 0,
                ["input_tokens"] = usage.InputTokenCount ?? 0,
                ["output_tokens"] = usage.OutputTokenCount ?? 0,
                ["input_token_details"] = new JsonObject
                {
                    ["text_tokens"] = usage.InputTextTokenCount ?? 0,
                    ["audio_tokens"] = usage.InputAudioTokenCount ?? 0,
                    ["image_tokens"] = 0,
                    ["cached_tokens"] = 0,
                },
                ["output_token_details"] = new JsonObject
                {
                    ["text_tokens"] = usage.OutputTextTokenCount ?? 0,
                    ["audio_tokens"] = usage.OutputAudioTokenCount ?? 0,
                },
            },
            ["metadata"] = null,
        };
    }

    public static JsonObject? FormatJson(RealtimeAudioFormat? format) => format?.MediaType switch
    {
        null => null,
        "audio/pcmu" or "audio/pcma" => new JsonObject { ["type"] = format.MediaType },
        _ => new JsonObject { ["type"] = "audio/pcm", ["rate"] = format.SampleRate <= 0 ? 24000 : format.SampleRate },
    };

    /// <summary>A GA item: the upstream's own JSON when it attached one, else built from the item's contents.</summary>
    public static JsonNode? ItemJson(RealtimeConversationItem? item)
    {
        if (item is null)
        {
            return null;
        }

        if (item.RawRepresentation is JsonObject raw)
        {
            return raw.DeepClone();
        }

        var json = new JsonObject { ["id"] = item.Id, ["object"] = "realtime.item" };
        foreach (AIContent content in item.Contents)
        {
            switch (content)
            {
                case FunctionCallContent call:
                    json["type"] = "function_call";
                    json["status"] = "completed";
                    json["call_id"] = call.CallId;
                    json["name"] = call.Name;
                    json["arguments"] = call.Arguments is null ? "{}" : JsonSerializer.Serialize(call.Arguments, RealtimeJsonContext.Default.IDictionaryStringObject);
                    return json;
                case FunctionResultContent result:
                    json["type"] = "function_call_output";
                    json["call_id"] = result.CallId;
                    json["output"] = result.Result?.ToString() ?? string.Empty;
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
                    parts.Add(assistant ? new JsonObject { ["type"] = "output_text", ["text"] = text.Text } : new JsonObject { ["type"] = "input_text", ["text"] = text.Text });
                    break;
                case DataContent data when data.HasTopLevelMediaType("audio"):
                    parts.Add(assistant ? new JsonObject { ["type"] = "output_audio", ["transcript"] = null } : new JsonObject { ["type"] = "input_audio", ["transcript"] = null });
                    break;
            }
        }

        json["type"] = "message";
        json["status"] = "completed";
        json["role"] = item.Role?.Value ?? "user";
        json["content"] = parts;
        return json;
    }
}
