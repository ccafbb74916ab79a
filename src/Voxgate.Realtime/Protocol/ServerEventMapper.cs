using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.AI;
using Voxgate.Realtime.Abstractions;

namespace Voxgate.Realtime.Protocol;

/// <summary>
/// Maps a typed <see cref="RealtimeServerMessage"/> — Microsoft.Extensions.AI's or Voxgate's — to its GA wire event, so
/// any <see cref="IRealtimeClient"/> can be served. The only raw JSON relayed is an event an upstream sent that has no
/// type (<see cref="ServerEventReader"/> keeps those whole).
/// </summary>
internal static class ServerEventMapper
{
    /// <summary>The GA event for <paramref name="message"/>, or null when it has nothing to say on the wire.</summary>
    public static WireEvent? ToGa(RealtimeServerMessage message)
    {
        string? id = message.MessageId;
        switch (message)
        {
            case ErrorRealtimeServerMessage error:
                return new WireEvent(RealtimeEventNames.Error, new JsonObject { ["error"] = ErrorJson(error) }, id);
            case SessionRealtimeServerMessage session:
                return new WireEvent(session.Type == RealtimeMessageTypes.SessionCreated ? RealtimeEventNames.SessionCreated : RealtimeEventNames.SessionUpdated,
                    new JsonObject { ["session"] = SessionShape.ToServerJson(session.SessionId, session.Options, session.ExpiresAt) }, id);
            case InputAudioBufferSpeechStartedRealtimeServerMessage started:
                return new WireEvent(RealtimeEventNames.SpeechStarted, new JsonObject { ["audio_start_ms"] = started.AudioStartMs, ["item_id"] = started.ItemId }, id);
            case InputAudioBufferSpeechStoppedRealtimeServerMessage stopped:
                return new WireEvent(RealtimeEventNames.SpeechStopped, new JsonObject { ["audio_end_ms"] = stopped.AudioEndMs, ["item_id"] = stopped.ItemId }, id);
            case InputAudioBufferCommittedRealtimeServerMessage committed:
                return new WireEvent(RealtimeEventNames.Committed, new JsonObject { ["item_id"] = committed.ItemId, ["previous_item_id"] = committed.PreviousItemId }, id);
            case InputAudioBufferTimeoutTriggeredRealtimeServerMessage timeout:
                return new WireEvent(RealtimeEventNames.TimeoutTriggered,
                    new JsonObject { ["audio_start_ms"] = timeout.AudioStartMs, ["audio_end_ms"] = timeout.AudioEndMs, ["item_id"] = timeout.ItemId }, id);
            case InputAudioBufferClearedRealtimeServerMessage:
                return new WireEvent(RealtimeEventNames.Cleared, [], id);
            case ConversationItemRealtimeServerMessage item when item.Type == RealtimeMessageTypes.ConversationItemRetrieved:
                return new WireEvent(RealtimeEventNames.ConversationItemRetrieved, new JsonObject { ["item"] = ItemShape.ToServerJson(item.Item!) }, id);
            case ConversationItemRealtimeServerMessage item:
                return new WireEvent(item.Type == RealtimeServerMessageType.ConversationItemDone ? RealtimeEventNames.ConversationItemDone : RealtimeEventNames.ConversationItemAdded,
                    new JsonObject { ["previous_item_id"] = item.PreviousItemId, ["item"] = ItemShape.ToServerJson(item.Item!) }, id);
            case ConversationItemTruncatedRealtimeServerMessage truncated:
                return new WireEvent(RealtimeEventNames.ConversationItemTruncated,
                    new JsonObject { ["item_id"] = truncated.ItemId, ["content_index"] = truncated.ContentIndex, ["audio_end_ms"] = truncated.AudioEndMs }, id);
            case ConversationItemDeletedRealtimeServerMessage deleted:
                return new WireEvent(RealtimeEventNames.ConversationItemDeleted, new JsonObject { ["item_id"] = deleted.ItemId }, id);
            case ResponseContentPartRealtimeServerMessage part:
                return new WireEvent(part.Type == RealtimeMessageTypes.ResponseContentPartDone ? RealtimeEventNames.ContentPartDone : RealtimeEventNames.ContentPartAdded, new JsonObject
                {
                    ["response_id"] = part.ResponseId,
                    ["item_id"] = part.ItemId,
                    ["output_index"] = part.OutputIndex,
                    ["content_index"] = part.ContentIndex,
                    ["part"] = Part(part.Part),
                }, id);
            case ResponseFunctionCallArgumentsRealtimeServerMessage arguments:
                return Arguments(arguments, id);
            case RateLimitsUpdatedRealtimeServerMessage limits:
                return new WireEvent(RealtimeEventNames.RateLimitsUpdated, new JsonObject
                {
                    ["rate_limits"] = new JsonArray([.. limits.Limits.Select(l => (JsonNode?)new JsonObject
                    {
                        ["name"] = l.Name,
                        ["limit"] = l.Limit,
                        ["remaining"] = l.Remaining,
                        ["reset_seconds"] = l.ResetSeconds,
                    })]),
                }, id);
            case ResponseCreatedRealtimeServerMessage response:
                return new WireEvent(response.Type == RealtimeServerMessageType.ResponseDone ? RealtimeEventNames.ResponseDone : RealtimeEventNames.ResponseCreated,
                    new JsonObject { ["response"] = ResponseShape.ToServerJson(response) }, id);
            case ResponseOutputItemRealtimeServerMessage item when item.Type == RealtimeServerMessageType.ResponseOutputItemAdded || item.Type == RealtimeServerMessageType.ResponseOutputItemDone:
                return new WireEvent(item.Type == RealtimeServerMessageType.ResponseOutputItemAdded ? RealtimeEventNames.ResponseOutputItemAdded : RealtimeEventNames.ResponseOutputItemDone,
                    new JsonObject { ["response_id"] = item.ResponseId, ["output_index"] = item.OutputIndex ?? 0, ["item"] = item.Item is null ? null : ItemShape.ToServerJson(item.Item) }, id);
            case ResponseOutputItemRealtimeServerMessage item when item.Item is not null && (item.Type == RealtimeServerMessageType.ConversationItemAdded || item.Type == RealtimeServerMessageType.ConversationItemDone):
                // Another upstream's item event, without Voxgate's previous_item_id.
                return new WireEvent(item.Type == RealtimeServerMessageType.ConversationItemDone ? RealtimeEventNames.ConversationItemDone : RealtimeEventNames.ConversationItemAdded,
                    new JsonObject { ["previous_item_id"] = null, ["item"] = ItemShape.ToServerJson(item.Item) }, id);
            case OutputTextAudioRealtimeServerMessage output:
                return Output(output, id);
            case InputAudioTranscriptionRealtimeServerMessage transcription:
                return Transcription(transcription, id);
        }

        // An upstream's event with no type of its own, kept whole by the reader.
        if (message.RawRepresentation is JsonObject raw && raw["type"] is JsonValue type && type.GetValueKind() == JsonValueKind.String)
        {
            var fields = (JsonObject)raw.DeepClone();
            fields.Remove("type");
            fields.Remove("event_id");
            return new WireEvent(type.GetValue<string>(), fields, id);
        }

        return null;
    }

    private static JsonObject Part(AIContent part) => part switch
    {
        AudioTranscriptContent audio => new JsonObject { ["type"] = "audio", ["transcript"] = audio.Transcript ?? string.Empty },
        TextContent text => new JsonObject { ["type"] = "text", ["text"] = text.Text },
        _ => new JsonObject { ["type"] = "text", ["text"] = string.Empty },
    };

    private static WireEvent Arguments(ResponseFunctionCallArgumentsRealtimeServerMessage arguments, string? id)
    {
        var fields = new JsonObject
        {
            ["response_id"] = arguments.ResponseId,
            ["item_id"] = arguments.ItemId,
            ["output_index"] = arguments.OutputIndex,
            ["call_id"] = arguments.CallId,
        };
        if (arguments.Type == RealtimeMessageTypes.ResponseFunctionCallArgumentsDone)
        {
            fields["name"] = arguments.Name;
            fields["arguments"] = arguments.Arguments;
            return new WireEvent(RealtimeEventNames.FunctionCallArgumentsDone, fields, id);
        }

        fields["delta"] = arguments.Arguments;
        return new WireEvent(RealtimeEventNames.FunctionCallArgumentsDelta, fields, id);
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
            fields["delta"] = output is OutputAudioDeltaRealtimeServerMessage pooled ? Convert.ToBase64String(pooled.Data.Span) : output.Audio ?? string.Empty;
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
            // Clients validate code and param as optional strings (the Agents SDK drops the event on a null).
            var error = new JsonObject { ["type"] = "transcription_error", ["message"] = message.Error?.Message ?? "Transcription failed." };
            if (WireErrorCodes.ToWire(message.Error?.ErrorCode) is { } code)
            {
                error["code"] = code;
            }

            if (message.Error?.Details is { } param)
            {
                error["param"] = param;
            }

            fields["error"] = error;
            return new WireEvent(RealtimeEventNames.InputTranscriptionFailed, fields, id);
        }

        return null;
    }

    /// <summary>OpenAI's error object: <c>{type, code, message, param, event_id}</c>, carrying the client's event id.</summary>
    private static JsonObject ErrorJson(ErrorRealtimeServerMessage error) => new()
    {
        ["type"] = error.Error?.ErrorCode == ProtocolError.ServerError ? ProtocolError.ServerError : ProtocolError.InvalidRequest,
        ["code"] = WireErrorCodes.ToWire(error.Error?.ErrorCode),
        ["message"] = error.Error?.Message ?? "The server reported an error.",
        ["param"] = error.Error?.Details,
        ["event_id"] = error.OriginatingMessageId,
    };

    public static JsonObject ErrorJson(ProtocolError error) => new()
    {
        ["type"] = error.Type,
        ["code"] = error.Code,
        ["message"] = error.Message,
        ["param"] = error.Param,
        ["event_id"] = error.EventId,
    };
}
