using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.AI;

namespace Voxgate.Speech.Engine;

/// <content>Conversation items the client adds, truncates, deletes and retrieves.</content>
public sealed partial class LocalRealtimeSession
{
    private string ConversationId { get; } = RealtimeIds.Conversation();

    private void EmitItem(RealtimeServerMessageType type, ConversationItem item, string? previousItemId, string? eventId)
    {
        JsonObject payload = new() { ["previous_item_id"] = previousItemId, ["item"] = EngineJson.Item(item) };
        Emit(new ResponseOutputItemRealtimeServerMessage(type) { Item = EngineJson.ToRealtimeItem(item), RawRepresentation = payload });
        _ = eventId;
    }

    private void CreateItem(RealtimeConversationItem? requested, string? previousItemId, string? eventId)
    {
        if (requested is null)
        {
            EmitError("missing_required_parameter", "Missing required parameter: 'item'.", "item", eventId);
            return;
        }

        if (ToEngineItem(requested) is not { } item)
        {
            EmitError("invalid_value", "The item has no content the local engine understands (text, audio, function_call or function_call_output).", "item", eventId);
            return;
        }

        if (!_conversation.TryAdd(item, previousItemId, out string? error))
        {
            EmitError("invalid_value", error!, error!.StartsWith("Previous", StringComparison.Ordinal) ? "previous_item_id" : "item.id", eventId);
            return;
        }

        string? previous = _conversation.PreviousIdOf(item.Id);
        EmitItem(RealtimeServerMessageType.ConversationItemAdded, item, previous, eventId);
        EmitItem(RealtimeServerMessageType.ConversationItemDone, item, previous, null);

        // Spoken input added as an item is transcribed like a committed turn.
        if (requested.Contents.OfType<DataContent>().FirstOrDefault(c => c.HasTopLevelMediaType("audio")) is { } audio && item.IsAudio)
        {
            var pipeline = new InputAudioPipeline(_engine.Vad.CreateStream(), _input.Format, int.MaxValue / 2);
            using (pipeline)
            {
                pipeline.Append(audio.Data.Span, out string? audioError);
                if (audioError is not null)
                {
                    OnRecognitionFinal(item.Id, null, audioError);
                    return;
                }

                _recognition.Begin(item.Id);
                _recognition.Audio(item.Id, pipeline.History.CopyFrom(0));
                _recognition.End(item.Id);
            }
        }
    }

    /// <summary>Reads a Microsoft.Extensions.AI item as an engine item, or null if it has nothing usable.</summary>
    private static ConversationItem? ToEngineItem(RealtimeConversationItem requested)
    {
        string id = string.IsNullOrEmpty(requested.Id) ? RealtimeIds.Item() : requested.Id;
        foreach (AIContent content in requested.Contents)
        {
            switch (content)
            {
                case FunctionResultContent result:
                    return new ConversationItem
                    {
                        Id = id,
                        Kind = ConversationItemKind.FunctionCallOutput,
                        Role = ChatRole.Tool,
                        CallId = result.CallId,
                        Output = result.Result switch
                        {
                            null => string.Empty,
                            string s => s,
                            JsonElement element => element.GetRawText(),
                            object other => other.ToString(),
                        },
                    };
                case FunctionCallContent call:
                    return new ConversationItem
                    {
                        Id = id,
                        Kind = ConversationItemKind.FunctionCall,
                        Role = ChatRole.Assistant,
                        CallId = call.CallId,
                        Name = call.Name,
                        Arguments = JsonSerializer.Serialize(call.Arguments ?? new Dictionary<string, object?>(), EngineJsonContext.Default.IDictionaryStringObject),
                    };
                case DataContent data when data.HasTopLevelMediaType("audio"):
                    return new ConversationItem { Id = id, Kind = ConversationItemKind.Message, Role = requested.Role ?? ChatRole.User, IsAudio = true };
            }
        }

        string text = string.Concat(requested.Contents.OfType<TextContent>().Select(t => t.Text));
        return requested.Contents.OfType<TextContent>().Any()
            ? new ConversationItem { Id = id, Kind = ConversationItemKind.Message, Role = requested.Role ?? ChatRole.User, Text = text }
            : null;
    }

    private void TruncateItem(JsonObject json, string? eventId)
    {
        if (!TryGetItem(json, eventId, out ConversationItem? item))
        {
            return;
        }

        if (item.Kind != ConversationItemKind.Message || item.Role != ChatRole.Assistant)
        {
            EmitError("invalid_value", "Only assistant messages can be truncated.", "item_id", eventId);
            return;
        }

        if (!JsonFields.TryInteger(json, "audio_end_ms", out long audioEndMs))
        {
            EmitError("invalid_type", "Invalid type for 'audio_end_ms': expected an integer.", "audio_end_ms", eventId);
            return;
        }

        if (audioEndMs < 0)
        {
            EmitError("integer_below_min_value", $"Invalid 'audio_end_ms': integer below minimum value. Expected a value >= 0, but got {audioEndMs} instead.", "audio_end_ms", eventId);
            return;
        }

        // Truncating the message still being generated means the listener stopped it: stop generating too.
        if (_active?.Message == item)
        {
            CancelActive("client_cancelled");
        }

        if (audioEndMs > item.AudioMs)
        {
            EmitError("invalid_value", $"Audio content of {item.AudioMs}ms is already shorter than {audioEndMs}ms", "audio_end_ms", eventId);
            return;
        }

        item.Truncate(audioEndMs);
        Emit(EngineEventTypes.ItemTruncated, new JsonObject { ["item_id"] = item.Id, ["content_index"] = 0, ["audio_end_ms"] = audioEndMs });
    }

    private void DeleteItem(JsonObject json, string? eventId)
    {
        if (TryGetItem(json, eventId, out ConversationItem? item))
        {
            _conversation.Remove(item.Id);
            Emit(EngineEventTypes.ItemDeleted, new JsonObject { ["item_id"] = item.Id });
        }
    }

    private void RetrieveItem(JsonObject json, string? eventId)
    {
        if (TryGetItem(json, eventId, out ConversationItem? item))
        {
            Emit(EngineEventTypes.ItemRetrieved, new JsonObject { ["item"] = EngineJson.Item(item) });
        }
    }

    private bool TryGetItem(JsonObject json, string? eventId, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out ConversationItem? item)
    {
        item = null;
        if (JsonFields.String(json, "item_id") is not { } id)
        {
            EmitError("missing_required_parameter", "Missing required parameter: 'item_id'.", "item_id", eventId);
            return false;
        }

        item = _conversation.Find(id);
        if (item is null)
        {
            EmitError("invalid_value", $"Item with item_id '{id}' not found.", "item_id", eventId);
            return false;
        }

        return true;
    }
}
