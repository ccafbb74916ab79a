using System.Buffers;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.AI;
using Voxgate.Realtime.Abstractions;

namespace Voxgate.Realtime.Protocol;

/// <summary>
/// Writes typed client messages as GA client events, for a connection to an OpenAI-compatible upstream.
/// <c>input_audio_buffer.append</c> — nearly every frame — is written straight from the content's bytes with span
/// base64 into a reused buffer; control events go through <see cref="JsonObject"/>. One instance per connection, not
/// thread-safe; the frame is valid until the next write.
/// </summary>
public sealed class ClientEventWriter : IDisposable
{
    private static readonly JsonWriterOptions s_writerOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping, SkipValidation = true };

    private readonly ArrayBufferWriter<byte> _buffer = new(16 * 1024);
    private readonly Utf8JsonWriter _writer;

    public ClientEventWriter() => _writer = new Utf8JsonWriter(_buffer, s_writerOptions);

    /// <summary>Writes <paramref name="message"/> and returns its frame; throws <see cref="NotSupportedException"/> for a message with no GA event.</summary>
    public ReadOnlyMemory<byte> Write(RealtimeClientMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        _buffer.ResetWrittenCount();
        _writer.Reset(_buffer);
        if (message is InputAudioBufferAppendRealtimeClientMessage append)
        {
            _writer.WriteStartObject();
            _writer.WriteString("type"u8, "input_audio_buffer.append"u8);
            if (message.MessageId is { } id)
            {
                _writer.WriteString("event_id"u8, id);
            }

            _writer.WriteBase64String("audio"u8, append.Content.Data.Span);
            _writer.WriteEndObject();
            _writer.Flush();
            return _buffer.WrittenMemory;
        }

        JsonObject json = ToJson(message);
        if (message.MessageId is { } eventId)
        {
            json["event_id"] = eventId;
        }

        json.WriteTo(_writer);
        _writer.Flush();
        return _buffer.WrittenMemory;
    }

    private static JsonObject ToJson(RealtimeClientMessage message) => message switch
    {
        SessionUpdateRealtimeClientMessage update => new() { ["type"] = RealtimeEventNames.SessionUpdate, ["session"] = SessionShape.ToUpdateJson(update.Options) },
        InputAudioBufferCommitRealtimeClientMessage => new() { ["type"] = RealtimeEventNames.InputAudioBufferCommit },
        InputAudioBufferClearRealtimeClientMessage => new() { ["type"] = RealtimeEventNames.InputAudioBufferClear },
        InsertConversationItemRealtimeClientMessage insert => new()
        {
            ["type"] = RealtimeEventNames.ConversationItemCreate,
            ["previous_item_id"] = insert.PreviousItemId,
            ["item"] = ItemShape.ToClientJson(insert.Item),
        },
        CreateConversationItemRealtimeClientMessage create => new() { ["type"] = RealtimeEventNames.ConversationItemCreate, ["item"] = ItemShape.ToClientJson(create.Item) },
        ConversationItemTruncateRealtimeClientMessage truncate => new()
        {
            ["type"] = RealtimeEventNames.ConversationItemTruncate,
            ["item_id"] = truncate.ItemId,
            ["content_index"] = truncate.ContentIndex,
            ["audio_end_ms"] = truncate.AudioEndMs,
        },
        ConversationItemDeleteRealtimeClientMessage delete => new() { ["type"] = RealtimeEventNames.ConversationItemDelete, ["item_id"] = delete.ItemId },
        ConversationItemRetrieveRealtimeClientMessage retrieve => new() { ["type"] = RealtimeEventNames.ConversationItemRetrieve, ["item_id"] = retrieve.ItemId },
        CreateResponseRealtimeClientMessage create => ResponseCreate(create),
        ResponseCancelRealtimeClientMessage cancel => cancel.ResponseId is { } responseId
            ? new() { ["type"] = RealtimeEventNames.ResponseCancel, ["response_id"] = responseId }
            : new() { ["type"] = RealtimeEventNames.ResponseCancel },

        // Microsoft.Extensions.AI's way to send what it has no type for: the event itself.
        { RawRepresentation: JsonObject raw } => (JsonObject)raw.DeepClone(),
        { RawRepresentation: string raw } when JsonNode.Parse(raw) is JsonObject parsed => parsed,
        _ => throw new NotSupportedException($"A {message.GetType().Name} has no OpenAI Realtime event."),
    };

    private static JsonObject ResponseCreate(CreateResponseRealtimeClientMessage create)
    {
        var json = new JsonObject { ["type"] = RealtimeEventNames.ResponseCreate };
        if (ResponseShape.ToRequestJson(create) is { } response)
        {
            json["response"] = response;
        }

        return json;
    }

    public void Dispose() => _writer.Dispose();
}
