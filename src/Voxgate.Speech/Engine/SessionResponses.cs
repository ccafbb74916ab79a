using System.Buffers;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;
using Voxgate.Realtime.Abstractions;
using Voxgate.Speech.Synthesis;

namespace Voxgate.Speech.Engine;

/// <summary>
/// A session's responses: the one in progress and its output items, a start deferred behind it, cancellation
/// (barge-in, the client's cancel, truncating what is being spoken), and what the generator posts back, each
/// reported in OpenAI's order (protocol notes §2.3, §3 and §4).
/// </summary>
internal sealed class SessionResponses : IAsyncDisposable
{
    private readonly SessionConfiguration _config;
    private readonly SessionConversation _conversation;
    private readonly SessionOutput _output;
    private readonly ResponseGenerator _generator;
    private readonly SessionClock _clock;
    private readonly Func<EngineSignal, ValueTask> _post;
    private readonly CancellationToken _lifetime;
    private readonly string _sessionId;
    private readonly ILogger _logger;
    private ActiveResponse? _active;
    private DeferredStart? _deferred;
    private PreparedResponse? _prepared;

    public SessionResponses(
        SessionConfiguration config,
        SessionConversation conversation,
        SessionOutput output,
        ResponseGenerator generator,
        SessionClock clock,
        Func<EngineSignal, ValueTask> post,
        string sessionId,
        ILogger logger,
        CancellationToken lifetime)
    {
        _config = config;
        _conversation = conversation;
        _output = output;
        _generator = generator;
        _clock = clock;
        _post = post;
        _sessionId = sessionId;
        _logger = logger;
        _lifetime = lifetime;
    }

    public bool IsActive => _active is not null;

    /// <summary>Replies prepared in silence windows, sent, and thrown away, so far (diagnostics, the engine benchmark and tests).</summary>
    public int Prepared { get; private set; }

    public int PreparedSent { get; private set; }

    public int PreparedDiscarded { get; private set; }

    /// <summary>On the session clock, when the last response's audio will have finished playing; null before any.</summary>
    /// <remarks>OpenAI starts an idle timeout here: <c>response.done</c> plus the audio still to play.</remarks>
    public long? PlaybackEndsAtMs { get; private set; }

    /// <summary>Starts a response: the client's (<paramref name="request"/>), or null for the one a finished turn asks for.</summary>
    /// <remarks>A reply prepared in the silence window is sent instead when it answers exactly this; otherwise it is thrown away.</remarks>
    public void Start(CreateResponseRealtimeClientMessage? request)
    {
        // What was prepared answers this start or nothing: a later turn prepares its own.
        PreparedResponse? prepared = _prepared;
        _prepared = null;
        if (!MayStart(request) || Plan(request, pending: null) is not { } plan)
        {
            Discard(prepared);
            return;
        }

        if (request is null && prepared is not null && prepared.Answers(plan.Messages, _config.Options))
        {
            Adopt(prepared, plan);
            return;
        }

        Discard(prepared);
        var cts = CancellationTokenSource.CreateLinkedTokenSource(_lifetime);
        ActiveResponse active = Open(plan, RealtimeIds.Response(), cts);
        var generation = new ResponseRequest(active.Id, plan.Messages, plan.ChatOptions, plan.Audio, plan.Voice, plan.Format, active.StartClockMs, _config.Speed);
        active.Task = Task.Run(() => _generator.RunAsync(generation, _post, cts.Token), CancellationToken.None);
    }

    /// <summary>
    /// Preemptive generation: while <paramref name="itemId"/>'s silence window still runs, generates the reply its settled
    /// words <paramref name="text"/> would get once committed, unseen, as far as its first chunk of audio.
    /// </summary>
    /// <remarks>Only when that reply is sure to be the next response: none is in progress or waiting to follow one.</remarks>
    public void Prepare(string itemId, string text)
    {
        DiscardPrepared();
        if (_active is not null || _deferred is not null || _config.TranscriptionOnly)
        {
            return;
        }

        // The turn as it will be committed: a user message of its words, joining the conversation.
        var turn = new ConversationItem { Id = itemId, Kind = ConversationItemKind.Message, Role = ChatRole.User, IsAudio = true, Text = text };
        ResponsePlan plan = Plan(null, turn)!;
        var cts = CancellationTokenSource.CreateLinkedTokenSource(_lifetime);
        var request = new ResponseRequest(RealtimeIds.Response(), plan.Messages, plan.ChatOptions, plan.Audio, plan.Voice, plan.Format, _clock.NowMs, _config.Speed);
        var prepared = new PreparedResponse(itemId, request, _config.Options, cts, _post);
        prepared.Task = Task.Run(() => _generator.RunAsync(request, prepared.PostAsync, cts.Token), CancellationToken.None);
        _prepared = prepared;
        Prepared++;
        EngineLog.ResponsePrepared(_logger, _sessionId, request.ResponseId, itemId);
    }

    /// <summary>Throws away the reply prepared for <paramref name="itemId"/> (any, when null): the caller spoke again, or the turn will not be answered.</summary>
    public void DiscardPrepared(string? itemId = null)
    {
        if (_prepared is { } prepared && (itemId is null || prepared.ItemId == itemId))
        {
            _prepared = null;
            Discard(prepared);
        }
    }

    public void OnText(ResponseText text)
    {
        if (_active is not { } active || active.Id != text.ResponseId)
        {
            return;
        }

        ConversationItem item = EnsureMessage(active);
        CloseSegment(active, item);
        active.OpenSegment = (text.Text, item.AudioMs);
        active.OutputWords += CountWords(text.Text);
        _output.Emit(new OutputTextAudioRealtimeServerMessage(active.Audio ? RealtimeServerMessageType.OutputAudioTranscriptionDelta : RealtimeServerMessageType.OutputTextDelta)
        {
            ResponseId = active.Id,
            ItemId = item.Id,
            OutputIndex = active.Output.IndexOf(item),
            ContentIndex = 0,
            Text = text.Text,
        });
    }

    /// <summary>Sends a chunk of reply audio on in the buffer it came in; a chunk for a response already over goes back to the pool.</summary>
    public void OnAudio(ResponseAudio audio)
    {
        if (_active is not { } active || active.Id != audio.ResponseId)
        {
            if (audio.Buffer.Length > 0)
            {
                ArrayPool<byte>.Shared.Return(audio.Buffer);
            }

            return;
        }

        ConversationItem item = EnsureMessage(active);
        item.AudioMs += audio.Length / active.Format.BytesPerSample * 1000L / active.Format.SampleRate;
        OutputAudioDeltaRealtimeServerMessage delta = OutputAudioDeltaRealtimeServerMessage.FromRented(audio.Buffer, audio.Length);
        delta.ResponseId = active.Id;
        delta.ItemId = item.Id;
        delta.OutputIndex = active.Output.IndexOf(item);
        delta.ContentIndex = 0;
        _output.Emit(delta);
    }

    public void OnFunctionCall(ResponseFunctionCall call)
    {
        if (_active is not { } active || active.Id != call.ResponseId)
        {
            return;
        }

        CloseMessage(active, ConversationItemStatus.Completed);
        active.CalledFunction = true;
        var item = new ConversationItem
        {
            Id = RealtimeIds.Item(),
            Kind = ConversationItemKind.FunctionCall,
            Role = ChatRole.Assistant,
            CallId = call.CallId,
            Name = call.Name,
            Arguments = string.Empty,
            Status = ConversationItemStatus.InProgress,
        };
        int index = AddOutput(active, item);
        _output.Emit(new ResponseFunctionCallArgumentsRealtimeServerMessage(RealtimeMessageTypes.ResponseFunctionCallArgumentsDelta, call.CallId, call.Arguments)
        {
            ResponseId = active.Id,
            ItemId = item.Id,
            OutputIndex = index,
        });
        item.Arguments = call.Arguments;
        item.Status = ConversationItemStatus.Completed;
        _output.Emit(new ResponseFunctionCallArgumentsRealtimeServerMessage(RealtimeMessageTypes.ResponseFunctionCallArgumentsDone, call.CallId, call.Arguments)
        {
            ResponseId = active.Id,
            ItemId = item.Id,
            OutputIndex = index,
            Name = call.Name,
        });
        CloseOutput(active, item, index);
    }

    /// <summary>What the latest response asked the caller for (kept when it is interrupted: the caller may be answering it).</summary>
    public ExpectedAnswer Expected { get; private set; }

    public void OnExpects(ResponseExpects expects)
    {
        if (_active is { InConversation: true } active && active.Id == expects.ResponseId)
        {
            Expected = expects.Answer;
        }
    }

    public void OnFinished(ResponseFinished finished)
    {
        if (_active is not { } active || active.Id != finished.ResponseId)
        {
            return;
        }

        if (finished.Error is { } error)
        {
            EngineLog.ResponseFailed(_logger, _sessionId, active.Id, error);
            CloseMessage(active, ConversationItemStatus.Incomplete);
            Finish(active, RealtimeResponseStatus.Failed, null, new ErrorContent(error.Message) { ErrorCode = "brain_failed" }, finished.InputTokens, finished.OutputTokens);
            _output.Error(RealtimeErrorCodes.ServerError, "The agent could not produce a reply: " + error.Message, null, null);
            return;
        }

        CloseMessage(active, ConversationItemStatus.Completed);
        Finish(active, RealtimeResponseStatus.Completed, null, null, finished.InputTokens, finished.OutputTokens);
    }

    /// <summary>Barge-in: the caller started speaking, so the response in progress (if any) stops at once.</summary>
    public void Interrupt() => CancelActive(RealtimeResponseStatusReasons.TurnDetected);

    /// <summary>The client's cancel: of the active response, or of the one it names.</summary>
    public void Cancel(ResponseCancelRealtimeClientMessage cancel)
    {
        if (_active is null || (cancel.ResponseId is { } id && id != _active.Id))
        {
            _output.Error(RealtimeErrorCodes.NoResponseToCancel, "Cancellation failed: no active response found.", null, cancel.MessageId);
            return;
        }

        CancelActive(RealtimeResponseStatusReasons.ClientCancelled);
    }

    /// <summary>Truncating the message still being spoken means the listener stopped it: stop generating it too.</summary>
    public void StopIfSpeaking(ConversationItem item)
    {
        if (_active?.Message == item)
        {
            CancelActive(RealtimeResponseStatusReasons.ClientCancelled);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_prepared is { } prepared)
        {
            _prepared = null;
            prepared.Discard();
            await prepared.Task.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }

        if (_active is { } active)
        {
            _active = null;
            await active.Cts.CancelAsync().ConfigureAwait(false);
            await active.Task.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            active.Cts.Dispose();
        }
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
        CloseMessage(active, ConversationItemStatus.Incomplete);
        Finish(active, RealtimeResponseStatus.Cancelled, reason, null, 0, active.OutputWords);
    }

    private void Finish(ActiveResponse active, string status, string? reason, ErrorContent? error, int inputTokens, int outputTokens)
    {
        _active = null;
        long audioMs = active.Output.Sum(i => i.AudioMs);
        PlaybackEndsAtMs = Math.Max(_clock.NowMs, active.StartClockMs + audioMs);
        int outputAudioTokens = (int)(audioMs / 50);   // about 20 audio tokens a second, as OpenAI bills
        ResponseRealtimeServerMessage done = Describe(active, RealtimeServerMessageType.ResponseDone, status, reason);
        done.Items = [.. active.Output.Select(ConversationItemConverter.ToSnapshot)];
        done.Error = error;
        done.Usage = new UsageDetails
        {
            InputTokenCount = inputTokens,
            InputTextTokenCount = inputTokens,
            InputAudioTokenCount = 0,
            OutputTokenCount = outputTokens + outputAudioTokens,
            OutputTextTokenCount = outputTokens,
            OutputAudioTokenCount = outputAudioTokens,
            CachedInputTokenCount = 0,
            TotalTokenCount = inputTokens + outputTokens + outputAudioTokens,
        };
        _output.Emit(done);
        _output.Emit(new RateLimitsUpdatedRealtimeServerMessage([new RealtimeRateLimit("tokens", 1_000_000, 1_000_000, 0)]));
        _ = active.Task.ContinueWith(static (_, state) => ((CancellationTokenSource)state!).Dispose(), active.Cts, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
        if (_deferred is { } deferred)
        {
            _deferred = null;
            Start(deferred.Request);
        }
    }

    /// <summary>
    /// Whether a response may start now; if not, the client has been told why, or the start waits for the active
    /// response to finish its tool call.
    /// </summary>
    private bool MayStart(CreateResponseRealtimeClientMessage? request)
    {
        string? eventId = request?.MessageId;
        if (_config.TranscriptionOnly)
        {
            _output.Error(RealtimeErrorCodes.InvalidValue, "Transcription sessions do not create responses.", "type", eventId);
            return false;
        }

        if (_active is { CalledFunction: true } && _deferred is null)
        {
            // A tool runner answered the call before this response could report done: start right after it.
            _deferred = new DeferredStart(request);
            return false;
        }

        if (_active is not null)
        {
            _output.Error(RealtimeErrorCodes.ResponseAlreadyActive, $"Conversation already has an active response in progress: {_active.Id}. Wait until the response is finished before creating a new one.", null, eventId);
            return false;
        }

        return true;
    }

    /// <summary>
    /// What a response is to be generated from: the request's choices over the session's, and the conversation (with
    /// <paramref name="pending"/>, a turn about to join it) as history. Null after reporting what in the request is invalid.
    /// </summary>
    private ResponsePlan? Plan(CreateResponseRealtimeClientMessage? request, ConversationItem? pending)
    {
        string? eventId = request?.MessageId;
        SessionAudioFormat format = _config.OutputFormat;
        if (request?.OutputAudioOptions is { } audioOptions && !SessionAudioFormat.TryParse(audioOptions, out format, out string? formatError))
        {
            _output.Error(RealtimeErrorCodes.InvalidValue, formatError!, "response.audio.output.format", eventId);
            return null;
        }

        string voice = _config.Voice;
        if (!string.IsNullOrEmpty(request?.OutputVoice))
        {
            try
            {
                voice = FliteTextToSpeechClient.ResolveVoice(request.OutputVoice);
            }
            catch (ArgumentException ex)
            {
                _output.Error(RealtimeErrorCodes.InvalidValue, ex.Message, "response.audio.output.voice", eventId);
                return null;
            }
        }

        bool audio = request?.OutputModalities is { Count: > 0 } modalities
            ? modalities.Contains("audio", StringComparer.OrdinalIgnoreCase)
            : _config.AudioOut;

        // Items given with the request replace the conversation as the response's context; an empty list means none.
        string? instructions = request?.Instructions ?? _config.Instructions;
        List<ConversationItem>? context = null;
        if (request?.Items is { } items && !_conversation.TryResolve(items, "response.input", eventId, out context))
        {
            return null;
        }

        List<ChatMessage> messages = context is not null ? _conversation.ToChatMessages(instructions, context)
            : pending is not null ? _conversation.ToChatMessagesAfter(pending, instructions)
            : _conversation.ToChatMessages(instructions);
        var rejected = new List<SessionProblem>();
        IEnumerable<AITool> tools = request?.Tools is { } asked ? SessionConfiguration.Usable(asked, "response.tools", rejected) : _config.Tools ?? [];
        foreach (SessionProblem part in rejected)
        {
            _output.Error(RealtimeErrorCodes.InvalidValue, part.Message, part.Param, eventId);
        }

        // The realtime model's name (gpt-realtime) is not the brain's: the brain answers with its own configured model.
        var chatOptions = new ChatOptions
        {
            Tools = [.. tools],
            ToolMode = request?.ToolMode ?? _config.ToolMode,
            MaxOutputTokens = request?.MaxOutputTokens ?? _config.MaxOutputTokens,
            Reasoning = _config.Reasoning,
            AllowMultipleToolCalls = _config.ParallelToolCalls,
        };
        return new ResponsePlan(format, voice, audio, request?.ExcludeFromConversation != true, request?.AdditionalProperties?.Clone(), messages, chatOptions);
    }

    /// <summary>Makes a response the active one and reports it created.</summary>
    private ActiveResponse Open(ResponsePlan plan, string id, CancellationTokenSource cts)
    {
        var active = new ActiveResponse(id, plan.Audio, plan.InConversation, cts)
        {
            Format = plan.Format,
            Voice = plan.Voice,
            MaxOutputTokens = plan.ChatOptions.MaxOutputTokens,
            Metadata = plan.Metadata,
            StartClockMs = _clock.NowMs,
        };
        _active = active;
        PlaybackEndsAtMs = null;
        if (plan.InConversation)
        {
            // A new reply asks nothing until its brain says it does; one kept out of the conversation is not the caller's.
            Expected = ExpectedAnswer.Anything;
        }

        _output.Emit(Describe(active, RealtimeServerMessageType.ResponseCreated, "in_progress"));
        return active;
    }

    /// <summary>Sends a prepared reply as this response: created, then at once what it already holds, in order.</summary>
    private void Adopt(PreparedResponse prepared, ResponsePlan plan)
    {
        ActiveResponse active = Open(plan, prepared.Request.ResponseId, prepared.Cts);
        active.Task = prepared.Task;
        PreparedSent++;
        EngineLog.PreparedResponseSent(_logger, _sessionId, active.Id);
        foreach (EngineSignal signal in prepared.Adopt(active.StartClockMs))
        {
            switch (signal)
            {
                case ResponseText text:
                    OnText(text);
                    break;
                case ResponseAudio audio:
                    OnAudio(audio);
                    break;
                case ResponseFunctionCall call:
                    OnFunctionCall(call);
                    break;
                case ResponseExpects expects:
                    OnExpects(expects);
                    break;
                case ResponseFinished finished:
                    OnFinished(finished);
                    break;
            }
        }
    }

    private void Discard(PreparedResponse? prepared)
    {
        if (prepared is null)
        {
            return;
        }

        prepared.Discard();
        PreparedDiscarded++;
        EngineLog.PreparedResponseDiscarded(_logger, _sessionId, prepared.Request.ResponseId);
    }

    /// <summary>A response created or done, as the client asked for it; the caller adds what only the end knows.</summary>
    private ResponseRealtimeServerMessage Describe(ActiveResponse active, RealtimeServerMessageType type, string status, string? reason = null) => new(type)
    {
        ResponseId = active.Id,
        Status = status,
        StatusReason = reason,
        ConversationId = active.InConversation ? _conversation.Id : null,
        Items = [],
        OutputModalities = [active.Audio ? "audio" : "text"],
        OutputVoice = active.Voice,
        OutputAudioOptions = active.Format.ToRealtimeAudioFormat(),
        MaxOutputTokens = active.MaxOutputTokens,
        AdditionalProperties = active.Metadata,
    };

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
            Status = ConversationItemStatus.InProgress,
            Text = string.Empty,
        };
        active.Message = item;
        int index = AddOutput(active, item);
        _output.Emit(new ResponseContentPartRealtimeServerMessage(RealtimeMessageTypes.ResponseContentPartAdded, Part(active, string.Empty))
        {
            ResponseId = active.Id,
            ItemId = item.Id,
            OutputIndex = index,
            ContentIndex = 0,
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
            _output.Emit(new OutputTextAudioRealtimeServerMessage(RealtimeServerMessageType.OutputAudioDone) { ResponseId = active.Id, ItemId = item.Id, OutputIndex = index, ContentIndex = 0 });
        }

        _output.Emit(new OutputTextAudioRealtimeServerMessage(active.Audio ? RealtimeServerMessageType.OutputAudioTranscriptionDone : RealtimeServerMessageType.OutputTextDone)
        {
            ResponseId = active.Id,
            ItemId = item.Id,
            OutputIndex = index,
            ContentIndex = 0,
            Text = transcript,
        });
        _output.Emit(new ResponseContentPartRealtimeServerMessage(RealtimeMessageTypes.ResponseContentPartDone, Part(active, transcript))
        {
            ResponseId = active.Id,
            ItemId = item.Id,
            OutputIndex = index,
            ContentIndex = 0,
        });
        CloseOutput(active, item, index);
    }

    /// <summary>Adds a response's output item and reports it, to the conversation too unless the response is out of band.</summary>
    private int AddOutput(ActiveResponse active, ConversationItem item)
    {
        active.Output.Add(item);
        int index = active.Output.Count - 1;
        _output.Emit(new ResponseOutputItemRealtimeServerMessage(RealtimeServerMessageType.ResponseOutputItemAdded) { ResponseId = active.Id, OutputIndex = index, Item = ConversationItemConverter.ToSnapshot(item) });
        if (active.InConversation)
        {
            _conversation.Append(item, done: false);
        }

        return index;
    }

    /// <summary>Reports an output item finished; a tool runner finds the calls to make here.</summary>
    private void CloseOutput(ActiveResponse active, ConversationItem item, int index)
    {
        _output.Emit(new ResponseOutputItemRealtimeServerMessage(RealtimeServerMessageType.ResponseOutputItemDone) { ResponseId = active.Id, OutputIndex = index, Item = ConversationItemConverter.ToSnapshot(item) });
        if (active.InConversation)
        {
            _conversation.Done(item);
        }
    }

    private static AIContent Part(ActiveResponse active, string text) => active.Audio ? new AudioTranscriptContent(text) : new TextContent(text);

    private static int CountWords(string? text)
        => string.IsNullOrWhiteSpace(text) ? 0 : text.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length;

    /// <summary>A response asked for while the active one was finishing its tool call.</summary>
    private sealed record DeferredStart(CreateResponseRealtimeClientMessage? Request);

    /// <summary>A response's settings and history, resolved before it starts.</summary>
    private sealed record ResponsePlan(
        SessionAudioFormat Format,
        string Voice,
        bool Audio,
        bool InConversation,
        AdditionalPropertiesDictionary? Metadata,
        List<ChatMessage> Messages,
        ChatOptions ChatOptions);
}
