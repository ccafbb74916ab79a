using System.Buffers;
using System.Buffers.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.AI;
using Voxgate.Realtime.Abstractions;

namespace Voxgate.Realtime.Protocol;

/// <summary>
/// Reads an OpenAI-compatible upstream's GA server events as typed messages. <c>response.output_audio.delta</c> — most
/// frames — takes a fast path: one <see cref="Utf8JsonReader"/> pass and a span base64 decode into a pooled buffer that
/// becomes an <see cref="OutputAudioDeltaRealtimeServerMessage"/>, with the ids reused while they repeat. Everything
/// else is parsed to a <see cref="JsonObject"/> and mapped; events with no type of their own are kept whole, so
/// <c>/v1/realtime</c> can relay them. One instance per connection, not thread-safe.
/// </summary>
public sealed class ServerEventReader
{
    private static readonly JsonDocumentOptions s_documentOptions = new() { MaxDepth = 64 };

    private string? _responseId;
    private string? _itemId;

    /// <summary>The message for one frame, or null when it is not a JSON event (the caller may log and go on).</summary>
    public RealtimeServerMessage? Read(ReadOnlySpan<byte> utf8)
    {
        try
        {
            if (TryReadAudioDelta(utf8, out RealtimeServerMessage? delta))
            {
                return delta;
            }

            return JsonNode.Parse(utf8, documentOptions: s_documentOptions) is JsonObject json && Json.String(json, "type") is { } type ? Map(type, json) : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private bool TryReadAudioDelta(ReadOnlySpan<byte> utf8, out RealtimeServerMessage? message)
    {
        message = null;
        var reader = new Utf8JsonReader(utf8, new JsonReaderOptions { MaxDepth = 64 });
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
        {
            return false;
        }

        bool isDelta = false;
        int deltaStart = -1, deltaLength = 0, outputIndex = 0, contentIndex = 0;
        bool deltaEscaped = false;
        string? responseId = null, itemId = null;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("type"u8))
            {
                reader.Read();
                if (reader.TokenType != JsonTokenType.String || !reader.ValueTextEquals("response.output_audio.delta"u8))
                {
                    return false;
                }

                isDelta = true;
            }
            else if (reader.ValueTextEquals("delta"u8))
            {
                reader.Read();
                if (reader.TokenType != JsonTokenType.String)
                {
                    return false;
                }

                deltaStart = (int)reader.TokenStartIndex + 1;
                deltaLength = reader.ValueSpan.Length;
                deltaEscaped = reader.ValueIsEscaped;
            }
            else if (reader.ValueTextEquals("response_id"u8))
            {
                reader.Read();
                responseId = Reuse(ref reader, ref _responseId);
            }
            else if (reader.ValueTextEquals("item_id"u8))
            {
                reader.Read();
                itemId = Reuse(ref reader, ref _itemId);
            }
            else if (reader.ValueTextEquals("output_index"u8))
            {
                reader.Read();
                _ = reader.TokenType == JsonTokenType.Number && reader.TryGetInt32(out outputIndex);
            }
            else if (reader.ValueTextEquals("content_index"u8))
            {
                reader.Read();
                _ = reader.TokenType == JsonTokenType.Number && reader.TryGetInt32(out contentIndex);
            }
            else
            {
                reader.Read();
                reader.Skip();
            }
        }

        if (!isDelta || deltaStart < 0 || deltaEscaped)
        {
            // Not a delta, or one with escapes the slow path can unescape.
            return false;
        }

        ReadOnlySpan<byte> base64 = utf8.Slice(deltaStart, deltaLength);
        if (!ClientEventReader.TryDecodedLength(base64, out int length))
        {
            return false;
        }

        byte[] rented = length == 0 ? [] : ArrayPool<byte>.Shared.Rent(length);
        if (Base64.DecodeFromUtf8(base64, rented, out _, out int written) != OperationStatus.Done || written != length)
        {
            if (rented.Length > 0)
            {
                ArrayPool<byte>.Shared.Return(rented);
            }

            return false;
        }

        OutputAudioDeltaRealtimeServerMessage delta = length == 0 ? OutputAudioDeltaRealtimeServerMessage.Rent(0) : OutputAudioDeltaRealtimeServerMessage.FromRented(rented, length);
        delta.ResponseId = responseId;
        delta.ItemId = itemId;
        delta.OutputIndex = outputIndex;
        delta.ContentIndex = contentIndex;
        message = delta;
        return true;
    }

    /// <summary>The id as a string, reusing the last one while it repeats (every delta of an item names the same ids).</summary>
    private static string? Reuse(ref Utf8JsonReader reader, ref string? last)
    {
        if (reader.TokenType != JsonTokenType.String)
        {
            return null;
        }

        if (last is not null && reader.ValueTextEquals(last))
        {
            return last;
        }

        last = reader.GetString();
        return last;
    }

    private static RealtimeServerMessage Map(string type, JsonObject json)
    {
        RealtimeServerMessage message = type switch
        {
            RealtimeEventNames.Error => Error(json),
            RealtimeEventNames.SessionCreated or RealtimeEventNames.SessionUpdated when Json.Object(json, "session") is { } session => Session(type, session),
            RealtimeEventNames.SpeechStarted => new InputAudioBufferSpeechStartedRealtimeServerMessage(Json.String(json, "item_id") ?? string.Empty, Json.Integer(json, "audio_start_ms") ?? 0),
            RealtimeEventNames.SpeechStopped => new InputAudioBufferSpeechStoppedRealtimeServerMessage(Json.String(json, "item_id") ?? string.Empty, Json.Integer(json, "audio_end_ms") ?? 0),
            RealtimeEventNames.Committed => new InputAudioBufferCommittedRealtimeServerMessage(Json.String(json, "item_id") ?? string.Empty, Json.String(json, "previous_item_id")),
            RealtimeEventNames.Cleared => new InputAudioBufferClearedRealtimeServerMessage(),
            RealtimeEventNames.TimeoutTriggered => new InputAudioBufferTimeoutTriggeredRealtimeServerMessage(
                Json.String(json, "item_id") ?? string.Empty, Json.Integer(json, "audio_start_ms") ?? 0, Json.Integer(json, "audio_end_ms") ?? 0),
            RealtimeEventNames.ConversationItemAdded or RealtimeEventNames.ConversationItemCreated when ItemShape.FromJson(json["item"]) is { } item
                => new ConversationItemRealtimeServerMessage(RealtimeServerMessageType.ConversationItemAdded, item, Json.String(json, "previous_item_id")),
            RealtimeEventNames.ConversationItemDone when ItemShape.FromJson(json["item"]) is { } item
                => new ConversationItemRealtimeServerMessage(RealtimeServerMessageType.ConversationItemDone, item, Json.String(json, "previous_item_id")),
            RealtimeEventNames.ConversationItemRetrieved when ItemShape.FromJson(json["item"]) is { } item
                => new ConversationItemRealtimeServerMessage(RealtimeMessageTypes.ConversationItemRetrieved, item, null),
            RealtimeEventNames.ConversationItemTruncated => new ConversationItemTruncatedRealtimeServerMessage(
                Json.String(json, "item_id") ?? string.Empty, Json.Integer(json, "audio_end_ms") ?? 0, (int)(Json.Integer(json, "content_index") ?? 0)),
            RealtimeEventNames.ConversationItemDeleted => new ConversationItemDeletedRealtimeServerMessage(Json.String(json, "item_id") ?? string.Empty),
            RealtimeEventNames.InputTranscriptionDelta => Transcription(RealtimeServerMessageType.InputAudioTranscriptionDelta, json, Json.String(json, "delta")),
            RealtimeEventNames.InputTranscriptionCompleted => Transcription(RealtimeServerMessageType.InputAudioTranscriptionCompleted, json, Json.String(json, "transcript")),
            RealtimeEventNames.InputTranscriptionFailed => Transcription(RealtimeServerMessageType.InputAudioTranscriptionFailed, json, null),
            RealtimeEventNames.ResponseCreated when Json.Object(json, "response") is { } response => ResponseShape.FromJson(RealtimeServerMessageType.ResponseCreated, response),
            RealtimeEventNames.ResponseDone when Json.Object(json, "response") is { } response => ResponseShape.FromJson(RealtimeServerMessageType.ResponseDone, response),
            RealtimeEventNames.ResponseOutputItemAdded => OutputItem(RealtimeServerMessageType.ResponseOutputItemAdded, json),
            RealtimeEventNames.ResponseOutputItemDone => OutputItem(RealtimeServerMessageType.ResponseOutputItemDone, json),
            RealtimeEventNames.ContentPartAdded => ContentPart(RealtimeMessageTypes.ResponseContentPartAdded, json),
            RealtimeEventNames.ContentPartDone => ContentPart(RealtimeMessageTypes.ResponseContentPartDone, json),
            RealtimeEventNames.OutputAudioDelta => AudioDelta(json),
            RealtimeEventNames.OutputAudioDone => Output(RealtimeServerMessageType.OutputAudioDone, json),
            RealtimeEventNames.OutputAudioTranscriptDelta => Output(RealtimeServerMessageType.OutputAudioTranscriptionDelta, json, text: Json.String(json, "delta")),
            RealtimeEventNames.OutputAudioTranscriptDone => Output(RealtimeServerMessageType.OutputAudioTranscriptionDone, json, text: Json.String(json, "transcript")),
            RealtimeEventNames.OutputTextDelta => Output(RealtimeServerMessageType.OutputTextDelta, json, text: Json.String(json, "delta")),
            RealtimeEventNames.OutputTextDone => Output(RealtimeServerMessageType.OutputTextDone, json, text: Json.String(json, "text")),
            RealtimeEventNames.FunctionCallArgumentsDelta => Arguments(RealtimeMessageTypes.ResponseFunctionCallArgumentsDelta, json, Json.String(json, "delta")),
            RealtimeEventNames.FunctionCallArgumentsDone => Arguments(RealtimeMessageTypes.ResponseFunctionCallArgumentsDone, json, Json.String(json, "arguments")),
            RealtimeEventNames.RateLimitsUpdated => RateLimits(json),

            // Events Voxgate has no type for travel whole, for a relay that can pass them on.
            _ => new RealtimeServerMessage { Type = RealtimeServerMessageType.RawContentOnly, RawRepresentation = json },
        };
        message.MessageId ??= Json.String(json, "event_id");
        return message;
    }

    private static ErrorRealtimeServerMessage Error(JsonObject json)
    {
        JsonObject error = Json.Object(json, "error") ?? [];
        return new ErrorRealtimeServerMessage
        {
            Error = new ErrorContent(Json.String(error, "message") ?? "The upstream reported an error.") { ErrorCode = WireErrorCodes.FromWire(Json.String(error, "code")) ?? Json.String(error, "type"), Details = Json.String(error, "param") },
            OriginatingMessageId = Json.String(error, "event_id"),
        };
    }

    private static SessionRealtimeServerMessage Session(string type, JsonObject session)
    {
        (string id, RealtimeSessionOptions options, DateTimeOffset? expiresAt) = SessionShape.FromJson(session);
        return new SessionRealtimeServerMessage(type == RealtimeEventNames.SessionCreated ? RealtimeMessageTypes.SessionCreated : RealtimeMessageTypes.SessionUpdated, id, options) { ExpiresAt = expiresAt };
    }

    private static InputAudioTranscriptionRealtimeServerMessage Transcription(RealtimeServerMessageType type, JsonObject json, string? text)
    {
        JsonObject? error = Json.Object(json, "error");
        return new InputAudioTranscriptionRealtimeServerMessage(type)
        {
            ItemId = Json.String(json, "item_id"),
            ContentIndex = (int?)Json.Integer(json, "content_index"),
            Transcription = text,
            Usage = UsageShape.FromJson(json["usage"]),
            Error = error is null ? null : new ErrorContent(Json.String(error, "message")) { ErrorCode = WireErrorCodes.FromWire(Json.String(error, "code")), Details = Json.String(error, "param") },
        };
    }

    private static ResponseOutputItemRealtimeServerMessage OutputItem(RealtimeServerMessageType type, JsonObject json) => new(type)
    {
        ResponseId = Json.String(json, "response_id"),
        OutputIndex = (int?)Json.Integer(json, "output_index"),
        Item = ItemShape.FromJson(json["item"]),
    };

    private static ResponseContentPartRealtimeServerMessage ContentPart(RealtimeServerMessageType type, JsonObject json)
    {
        JsonObject part = Json.Object(json, "part") ?? [];
        AIContent content = Json.String(part, "type") is "audio" or "output_audio"
            ? new AudioTranscriptContent(Json.String(part, "transcript"))
            : new TextContent(Json.String(part, "text"));
        return new ResponseContentPartRealtimeServerMessage(type, content)
        {
            ResponseId = Json.String(json, "response_id"),
            ItemId = Json.String(json, "item_id"),
            OutputIndex = (int)(Json.Integer(json, "output_index") ?? 0),
            ContentIndex = (int)(Json.Integer(json, "content_index") ?? 0),
        };
    }

    private static OutputTextAudioRealtimeServerMessage Output(RealtimeServerMessageType type, JsonObject json, string? text = null) => new(type)
    {
        ResponseId = Json.String(json, "response_id"),
        ItemId = Json.String(json, "item_id"),
        OutputIndex = (int?)Json.Integer(json, "output_index"),
        ContentIndex = (int?)Json.Integer(json, "content_index"),
        Text = text,
    };

    /// <summary>A delta the fast path passed over (escaped text): the same typed message, the slow way.</summary>
    private static RealtimeServerMessage AudioDelta(JsonObject json)
    {
        string base64 = Json.String(json, "delta") ?? string.Empty;
        byte[] rented = ArrayPool<byte>.Shared.Rent(Math.Max(1, base64.Length / 4 * 3 + 3));
        if (!Convert.TryFromBase64String(base64, rented, out int written))
        {
            ArrayPool<byte>.Shared.Return(rented);
            return Error(new JsonObject { ["error"] = new JsonObject { ["code"] = "invalid_audio", ["message"] = "The upstream sent audio that is not valid base64." } });
        }

        OutputAudioDeltaRealtimeServerMessage delta = OutputAudioDeltaRealtimeServerMessage.FromRented(rented, written);
        delta.ResponseId = Json.String(json, "response_id");
        delta.ItemId = Json.String(json, "item_id");
        delta.OutputIndex = (int?)Json.Integer(json, "output_index");
        delta.ContentIndex = (int?)Json.Integer(json, "content_index");
        return delta;
    }

    private static ResponseFunctionCallArgumentsRealtimeServerMessage Arguments(RealtimeServerMessageType type, JsonObject json, string? arguments)
        => new(type, Json.String(json, "call_id") ?? string.Empty, arguments ?? string.Empty)
        {
            ResponseId = Json.String(json, "response_id"),
            ItemId = Json.String(json, "item_id"),
            OutputIndex = (int)(Json.Integer(json, "output_index") ?? 0),
            Name = Json.String(json, "name"),
        };

    private static RateLimitsUpdatedRealtimeServerMessage RateLimits(JsonObject json)
    {
        var limits = new List<RealtimeRateLimit>();
        foreach (JsonNode? node in Json.Array(json, "rate_limits") ?? [])
        {
            if (node is JsonObject limit)
            {
                limits.Add(new RealtimeRateLimit(Json.String(limit, "name") ?? string.Empty, Json.Integer(limit, "limit") ?? 0, Json.Integer(limit, "remaining") ?? 0, Json.Number(limit, "reset_seconds") ?? 0));
            }
        }

        return new RateLimitsUpdatedRealtimeServerMessage(limits);
    }
}
