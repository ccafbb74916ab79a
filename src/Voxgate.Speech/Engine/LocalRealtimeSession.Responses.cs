using System.Text.Json.Nodes;
using Microsoft.Extensions.AI;

namespace Voxgate.Speech.Engine;

/// <content>The output side: responses, their items, cancellation and barge-in.</content>
public sealed partial class LocalRealtimeSession
{
    private ActiveResponse? _active;
    private (CreateResponseRealtimeClientMessage? Request, string? EventId)? _deferred;

    private void StartResponse(CreateResponseRealtimeClientMessage? request, string? eventId)
    {
        if (_active is { CalledFunction: true } && _deferred is null)
        {
            // A tool runner answered the call before this response could report done: start right after it.
            _deferred = (request, eventId);
            return;
        }

        if (_active is not null)
        {
            EmitError("conversation_already_has_active_response", $"Conversation already has an active response in progress: {_active.Id}. Wait until the response is finished before creating a new one.", null, eventId);
            return;
        }

        SessionAudioFormat format = _outputFormat;
        if (request?.OutputAudioOptions is { } audioOptions && !SessionAudioFormat.TryParse(audioOptions, out format, out string? formatError))
        {
            EmitError("invalid_value", formatError!, "response.audio.output.format", eventId);
            return;
        }

        string voice = _voice;
        if (!string.IsNullOrEmpty(request?.OutputVoice))
        {
            try
            {
                voice = Synthesis.FliteTextToSpeechClient.ResolveVoice(request.OutputVoice);
            }
            catch (ArgumentException ex)
            {
                EmitError("invalid_value", ex.Message, "response.audio.output.voice", eventId);
                return;
            }
        }

        bool audio = request?.OutputModalities is { Count: > 0 } modalities
            ? modalities.Contains("audio", StringComparer.OrdinalIgnoreCase)
            : _audioOut;
        bool inConversation = request?.ExcludeFromConversation != true;
        string responseId = RealtimeIds.Response();

        // Out-of-band input replaces the conversation as the response's context.
        List<ChatMessage> messages = request?.Items is { Count: > 0 } items
            ? _conversation.ToChatMessages(request.Instructions ?? _instructions, items.Select(ToEngineItem).OfType<ConversationItem>())
            : _conversation.ToChatMessages(request?.Instructions ?? _instructions);
        var chatOptions = new ChatOptions
        {
            Tools = [.. (IEnumerable<AITool>?)request?.Tools ?? _tools ?? []],
            ToolMode = request?.ToolMode ?? _toolMode,
            MaxOutputTokens = request?.MaxOutputTokens ?? _maxOutputTokens,
            ModelId = _model,
        };

        var cts = CancellationTokenSource.CreateLinkedTokenSource(_lifetime.Token);
        var active = new ActiveResponse(responseId, audio, inConversation, cts);
        _active = active;
        Emit(new ResponseCreatedRealtimeServerMessage(RealtimeServerMessageType.ResponseCreated)
        {
            ResponseId = responseId,
            Status = "in_progress",
            OutputModalities = [audio ? "audio" : "text"],
            OutputVoice = voice,
            OutputAudioOptions = format.ToRealtimeAudioFormat(),
            Items = [],
            MessageId = null,
            RawRepresentation = ResponseJson(active, "in_progress", null, null),
        });
        var generation = new ResponseRequest(responseId, messages, chatOptions, audio, voice, format, _clock.NowMs);
        active.Task = Task.Run(() => _generator.RunAsync(generation, PostAsync, cts.Token), CancellationToken.None);
        _ = eventId;
    }

    private void OnResponseText(ResponseText text)
    {
        if (_active is not { } active || active.Id != text.ResponseId)
        {
            return;
        }

        ConversationItem item = EnsureMessage(active);
        CloseSegment(active, item);
        active.OpenSegment = (text.Text, item.AudioMs);
        active.OutputWords += CountWords(text.Text);
        Emit(new OutputTextAudioRealtimeServerMessage(active.Audio ? RealtimeServerMessageType.OutputAudioTranscriptionDelta : RealtimeServerMessageType.OutputTextDelta)
        {
            ResponseId = active.Id,
            ItemId = item.Id,
            OutputIndex = active.Output.IndexOf(item),
            ContentIndex = 0,
            Text = text.Text,
        });
    }

    private void OnResponseAudio(ResponseAudio audio)
    {
        if (_active is not { } active || active.Id != audio.ResponseId)
        {
            return;
        }

        ConversationItem item = EnsureMessage(active);
        SessionAudioFormat format = _outputFormat;
        item.AudioMs += audio.Audio.Length / format.BytesPerSample * 1000L / format.SampleRate;
        Emit(new OutputTextAudioRealtimeServerMessage(RealtimeServerMessageType.OutputAudioDelta)
        {
            ResponseId = active.Id,
            ItemId = item.Id,
            OutputIndex = active.Output.IndexOf(item),
            ContentIndex = 0,
            Audio = Convert.ToBase64String(audio.Audio),

            // The raw bytes too, so an in-process consumer can skip the base64 round trip.
            RawRepresentation = (ReadOnlyMemory<byte>)audio.Audio,
        });
    }

    private void OnResponseFunctionCall(ResponseFunctionCall call)
    {
        if (_active is not { } active || active.Id != call.ResponseId)
        {
            return;
        }

        CloseMessage(active, "completed");
        active.CalledFunction = true;
        var item = new ConversationItem
        {
            Id = RealtimeIds.Item(),
            Kind = ConversationItemKind.FunctionCall,
            Role = ChatRole.Assistant,
            CallId = call.CallId,
            Name = call.Name,
            Arguments = string.Empty,
            Status = "in_progress",
        };
        string? previous = AddOutput(active, item);
        int index = active.Output.Count - 1;
        Emit(new ResponseOutputItemRealtimeServerMessage(RealtimeServerMessageType.ResponseOutputItemAdded) { ResponseId = active.Id, OutputIndex = index, Item = EngineJson.ToRealtimeItem(item) });
        if (active.InConversation)
        {
            EmitItem(RealtimeServerMessageType.ConversationItemAdded, item, previous, null);
        }

        Emit(EngineEventTypes.FunctionCallArgumentsDelta, new JsonObject
        {
            ["response_id"] = active.Id,
            ["item_id"] = item.Id,
            ["output_index"] = index,
            ["call_id"] = call.CallId,
            ["delta"] = call.Arguments,
        });
        item.Arguments = call.Arguments;
        item.Status = "completed";
        Emit(EngineEventTypes.FunctionCallArgumentsDone, new JsonObject
        {
            ["response_id"] = active.Id,
            ["item_id"] = item.Id,
            ["output_index"] = index,
            ["call_id"] = call.CallId,
            ["name"] = call.Name,
            ["arguments"] = call.Arguments,
        });
        Emit(new ResponseOutputItemRealtimeServerMessage(RealtimeServerMessageType.ResponseOutputItemDone) { ResponseId = active.Id, OutputIndex = index, Item = EngineJson.ToRealtimeItem(item) });
        if (active.InConversation)
        {
            EmitItem(RealtimeServerMessageType.ConversationItemDone, item, previous, null);
        }
    }

    private void OnResponseFinished(ResponseFinished finished)
    {
        if (_active is not { } active || active.Id != finished.ResponseId)
        {
            return;
        }

        if (finished.Error is { } error)
        {
            Log.ResponseFailed(_logger, Id, active.Id, error);
            CloseMessage(active, "incomplete");
            FinishResponse(active, "failed", new JsonObject
            {
                ["type"] = "failed",
                ["error"] = new JsonObject { ["type"] = "server_error", ["code"] = "brain_failed", ["message"] = error.Message },
            }, finished.InputTokens, finished.OutputTokens);
            EmitError("server_error", "The agent could not produce a reply: " + error.Message, null, null, "server_error");
            return;
        }

        CloseMessage(active, "completed");
        FinishResponse(active, "completed", null, finished.InputTokens, finished.OutputTokens);
    }

    /// <summary>Stops the response at once and closes what it had opened, as OpenAI does on barge-in or response.cancel.</summary>
    private void CancelActive(string reason)
    {
        if (_active is not { } active)
        {
            return;
        }

        active.Cts.Cancel();
        _deferred = null;
        CloseMessage(active, "incomplete");
        FinishResponse(active, "cancelled", new JsonObject { ["type"] = "cancelled", ["reason"] = reason }, 0, active.OutputWords);
    }

    private void CancelByClient(JsonObject json, string? eventId)
    {
        string? responseId = JsonFields.String(json, "response_id");
        if (_active is null || (responseId is not null && responseId != _active.Id))
        {
            EmitError("response_cancel_not_active", "Cancellation failed: no active response found.", null, eventId);
            return;
        }

        CancelActive("client_cancelled");
    }

    private void FinishResponse(ActiveResponse active, string status, JsonObject? details, int inputTokens, int outputTokens)
    {
        _active = null;
        long audioMs = active.Output.Sum(i => i.AudioMs);
        int outputAudioTokens = (int)(audioMs / 50);   // about 20 audio tokens a second, as OpenAI bills
        JsonObject usage = EngineJson.Usage(inputTokens, outputTokens + outputAudioTokens, 0, outputAudioTokens);
        Emit(new ResponseCreatedRealtimeServerMessage(RealtimeServerMessageType.ResponseDone)
        {
            ResponseId = active.Id,
            Status = status,
            Items = [.. active.Output.Select(EngineJson.ToRealtimeItem)],
            OutputModalities = [active.Audio ? "audio" : "text"],
            Usage = new UsageDetails
            {
                InputTokenCount = inputTokens,
                OutputTokenCount = outputTokens + outputAudioTokens,
                TotalTokenCount = inputTokens + outputTokens + outputAudioTokens,
                OutputAudioTokenCount = outputAudioTokens,
                OutputTextTokenCount = outputTokens,
            },
            Error = details?["error"] is JsonObject error ? new ErrorContent((string?)error["message"]) { ErrorCode = (string?)error["code"] } : null,
            RawRepresentation = ResponseJson(active, status, details, usage),
        });
        Emit(EngineEventTypes.RateLimitsUpdated, new JsonObject
        {
            ["rate_limits"] = new JsonArray(new JsonObject { ["name"] = "tokens", ["limit"] = 1_000_000, ["remaining"] = 1_000_000, ["reset_seconds"] = 0 }),
        });
        _ = active.Task.ContinueWith(static (_, state) => ((CancellationTokenSource)state!).Dispose(), active.Cts, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
        if (_deferred is { } deferred)
        {
            _deferred = null;
            StartResponse(deferred.Request, deferred.EventId);
        }
    }

    private ConversationItem EnsureMessage(ActiveResponse active)
    {
        if (active.Message is { } open)
        {
            return open;
        }

        var item = new ConversationItem
        {
            Id = RealtimeIds.Item(),
            Kind = ConversationItemKind.Message,
            Role = ChatRole.Assistant,
            IsAudio = active.Audio,
            Status = "in_progress",
            Text = string.Empty,
        };
        active.Message = item;
        string? previous = AddOutput(active, item);
        int index = active.Output.Count - 1;
        Emit(new ResponseOutputItemRealtimeServerMessage(RealtimeServerMessageType.ResponseOutputItemAdded) { ResponseId = active.Id, OutputIndex = index, Item = EngineJson.ToRealtimeItem(item) });
        if (active.InConversation)
        {
            EmitItem(RealtimeServerMessageType.ConversationItemAdded, item, previous, null);
        }

        Emit(EngineEventTypes.ContentPartAdded, new JsonObject
        {
            ["response_id"] = active.Id,
            ["item_id"] = item.Id,
            ["output_index"] = index,
            ["content_index"] = 0,
            ["part"] = EngineJson.Part(active.Audio, string.Empty),
        });
        return item;
    }

    private static void CloseSegment(ActiveResponse active, ConversationItem item)
    {
        if (active.OpenSegment is { } segment)
        {
            item.AddSpoken(segment.Text, segment.StartMs, item.AudioMs);
            item.Text = item.Transcript.Trim();
            active.OpenSegment = null;
        }
    }

    private void CloseMessage(ActiveResponse active, string status)
    {
        if (active.Message is not { } item)
        {
            return;
        }

        CloseSegment(active, item);
        active.Message = null;
        item.Status = status;
        int index = active.Output.IndexOf(item);
        string transcript = item.Text ?? string.Empty;
        if (active.Audio)
        {
            Emit(new OutputTextAudioRealtimeServerMessage(RealtimeServerMessageType.OutputAudioDone) { ResponseId = active.Id, ItemId = item.Id, OutputIndex = index, ContentIndex = 0 });
        }

        Emit(new OutputTextAudioRealtimeServerMessage(active.Audio ? RealtimeServerMessageType.OutputAudioTranscriptionDone : RealtimeServerMessageType.OutputTextDone)
        {
            ResponseId = active.Id,
            ItemId = item.Id,
            OutputIndex = index,
            ContentIndex = 0,
            Text = transcript,
        });
        Emit(EngineEventTypes.ContentPartDone, new JsonObject
        {
            ["response_id"] = active.Id,
            ["item_id"] = item.Id,
            ["output_index"] = index,
            ["content_index"] = 0,
            ["part"] = EngineJson.Part(active.Audio, transcript),
        });
        Emit(new ResponseOutputItemRealtimeServerMessage(RealtimeServerMessageType.ResponseOutputItemDone) { ResponseId = active.Id, OutputIndex = index, Item = EngineJson.ToRealtimeItem(item) });
        if (active.InConversation)
        {
            EmitItem(RealtimeServerMessageType.ConversationItemDone, item, _conversation.PreviousIdOf(item.Id), null);
        }
    }

    /// <summary>Adds a response's output item, to the conversation too unless the response is out of band.</summary>
    private string? AddOutput(ActiveResponse active, ConversationItem item)
    {
        active.Output.Add(item);
        if (!active.InConversation)
        {
            return null;
        }

        string? previous = _conversation.LastItemId;
        _conversation.TryAdd(item, null, out _);
        return previous;
    }

    private JsonObject ResponseJson(ActiveResponse active, string status, JsonObject? details, JsonObject? usage)
    {
        var output = new JsonArray();
        foreach (ConversationItem item in active.Output)
        {
            output.Add(EngineJson.Item(item));
        }

        return new JsonObject
        {
            ["object"] = "realtime.response",
            ["id"] = active.Id,
            ["status"] = status,
            ["status_details"] = details,
            ["output"] = output,
            ["conversation_id"] = active.InConversation ? ConversationId : null,
            ["output_modalities"] = new JsonArray(active.Audio ? "audio" : "text"),
            ["audio"] = new JsonObject { ["output"] = new JsonObject { ["format"] = FormatJson(_outputFormat), ["voice"] = _voice } },
            ["usage"] = usage,
            ["metadata"] = null,
        };
    }
}
