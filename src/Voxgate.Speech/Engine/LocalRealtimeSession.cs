using System.Runtime.CompilerServices;
using System.Text.Json.Nodes;
using System.Threading.Channels;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;

namespace Voxgate.Speech.Engine;

/// <summary>
/// One conversation with the local engine, behaving like an OpenAI Realtime session with server VAD.
/// </summary>
/// <remarks>
/// Everything that changes the session's state happens on one loop, fed by a bounded channel: client messages,
/// recognition results and the response generator's output. Heavy work (speech recognition, the brain,
/// synthesis) runs on workers that post back to that loop, so VAD — and with it barge-in — never waits.
/// </remarks>
public sealed partial class LocalRealtimeSession : IRealtimeClientSession
{
    private const int InboundCapacity = 256;

    private readonly LocalSpeechEngine _engine;
    private readonly EngineLimits _limits;
    private readonly ILogger _logger;
    private readonly Channel<EngineSignal> _inbound = Channel.CreateBounded<EngineSignal>(new BoundedChannelOptions(InboundCapacity)
    {
        FullMode = BoundedChannelFullMode.Wait,
        SingleReader = true,
    });

    private readonly Channel<RealtimeServerMessage> _outbound = Channel.CreateUnbounded<RealtimeServerMessage>(new UnboundedChannelOptions { SingleReader = true, SingleWriter = true });
    private readonly CancellationTokenSource _lifetime = new();
    private readonly SessionClock _clock;
    private readonly InputAudioPipeline _input;
    private readonly TurnDetector _turns;
    private readonly RecognitionWorker _recognition;
    private readonly ResponseGenerator _generator;
    private readonly Conversation _conversation;
    private readonly ITimer _expiry;
    private readonly long _expiresAt;
    private Task _loop = Task.CompletedTask;
    private int _disposed;

    internal LocalRealtimeSession(LocalSpeechEngine engine, IChatClient brain, EngineLimits limits, ILogger logger, TimeProvider time)
    {
        _engine = engine;
        _limits = limits;
        _logger = logger;
        _clock = new SessionClock(time);
        _turn = TurnDetectionSettings.Default;
        _turns = new TurnDetector(_turn);
        _input = new InputAudioPipeline(engine.Vad.CreateStream(), SessionAudioFormat.Default, HistoryLimit(_turn));
        _recognition = new RecognitionWorker(engine.Recognizers, PostAsync);
        _generator = new ResponseGenerator(brain, engine.Speech, _clock, limits.OutputLeadMs);
        _conversation = new Conversation(limits.MaxConversationItems);
        _voice = engine.DefaultVoice;
        _expiresAt = DateTimeOffset.UtcNow.Add(limits.MaxSessionDuration).ToUnixTimeSeconds();
        _expiry = time.CreateTimer(_ => PostAsync(new SessionExpired()).AsTask(), null, limits.MaxSessionDuration, Timeout.InfiniteTimeSpan);
        Options = CurrentOptions();
    }

    /// <summary>The session id, <c>sess_…</c>.</summary>
    public string Id { get; } = RealtimeIds.Session();

    /// <inheritdoc />
    public RealtimeSessionOptions? Options { get; private set; }

    /// <summary>Applies the first options and starts the loop; the session announces itself with session.created.</summary>
    internal void Start(RealtimeSessionOptions? options)
    {
        if (options is not null && ApplyOptions(options) is { } problem)
        {
            throw new ArgumentException(problem, nameof(options));
        }

        Emit(EngineEventTypes.SessionCreated, new JsonObject { ["session"] = SessionJson() });
        _loop = Task.Run(RunAsync);
    }

    /// <inheritdoc />
    public async Task SendAsync(RealtimeClientMessage message, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(message);
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
        try
        {
            await _inbound.Writer.WriteAsync(new ClientSignal(message), cancellationToken).ConfigureAwait(false);
        }
        catch (ChannelClosedException)
        {
            // The session has ended (expired or disposed); like a closed socket, further sends go nowhere.
        }
    }

    /// <inheritdoc />
    public async IAsyncEnumerable<RealtimeServerMessage> GetStreamingResponseAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await foreach (RealtimeServerMessage message in _outbound.Reader.ReadAllAsync(cancellationToken).ConfigureAwait(false))
        {
            yield return message;
        }
    }

    /// <inheritdoc />
    public object? GetService(Type serviceType, object? serviceKey = null)
    {
        ArgumentNullException.ThrowIfNull(serviceType);
        return serviceKey is null && serviceType.IsInstanceOfType(this) ? this : null;
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        await _expiry.DisposeAsync().ConfigureAwait(false);
        _inbound.Writer.TryComplete();
        await _lifetime.CancelAsync().ConfigureAwait(false);
        try
        {
            await _loop.ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
        }

        if (_active is { } active)
        {
            await active.Cts.CancelAsync().ConfigureAwait(false);
            await active.Task.ConfigureAwait(false);
            active.Cts.Dispose();
            _active = null;
        }

        await _recognition.DisposeAsync().ConfigureAwait(false);
        _input.Dispose();
        _outbound.Writer.TryComplete();
        _lifetime.Dispose();
    }

    internal ValueTask PostAsync(EngineSignal signal)
    {
        try
        {
            return _inbound.Writer.WriteAsync(signal, _lifetime.Token);
        }
        catch (ObjectDisposedException)
        {
            return ValueTask.CompletedTask;
        }
    }

    private async Task RunAsync()
    {
        try
        {
            await foreach (EngineSignal signal in _inbound.Reader.ReadAllAsync(_lifetime.Token).ConfigureAwait(false))
            {
                try
                {
                    if (!Handle(signal))
                    {
                        break;
                    }
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    // A bug must not take the session down with it: report it as OpenAI reports server errors.
                    Log.EventFailed(_logger, Id, ex);
                    EmitError("server_error", "The server had an error while processing the event.", null, (signal as ClientSignal)?.Message.MessageId, "server_error");
                }
            }
        }
        catch (OperationCanceledException) when (_lifetime.IsCancellationRequested)
        {
        }
        finally
        {
            _inbound.Writer.TryComplete();
            _outbound.Writer.TryComplete();
        }
    }

    private bool Handle(EngineSignal signal)
    {
        switch (signal)
        {
            case ClientSignal client:
                HandleClient(client.Message);
                break;
            case RecognitionPartial partial:
                OnRecognitionPartial(partial);
                break;
            case RecognitionFinal final:
                OnRecognitionFinal(final.ItemId, final.Text, null);
                break;
            case RecognitionFailed failed:
                OnRecognitionFinal(failed.ItemId, null, failed.Message);
                break;
            case ResponseText text:
                OnResponseText(text);
                break;
            case ResponseAudio audio:
                OnResponseAudio(audio);
                break;
            case ResponseFunctionCall call:
                OnResponseFunctionCall(call);
                break;
            case ResponseFinished finished:
                OnResponseFinished(finished);
                break;
            case SessionExpired:
                EmitError("session_expired", $"Your session hit the maximum duration of {_limits.MaxSessionDuration.TotalMinutes:0} minutes.", null, null);
                return false;
        }

        return true;
    }

    private void HandleClient(RealtimeClientMessage message)
    {
        string? eventId = message.MessageId;
        switch (message)
        {
            case SessionUpdateRealtimeClientMessage update:
                if (ApplyOptions(update.Options) is { } problem)
                {
                    EmitError("invalid_value", problem, "session", eventId);
                }
                else
                {
                    Emit(EngineEventTypes.SessionUpdated, new JsonObject { ["session"] = SessionJson() });
                }

                break;
            case InputAudioBufferAppendRealtimeClientMessage append:
                OnAudio(append.Content, eventId);
                break;
            case InputAudioBufferCommitRealtimeClientMessage:
                CommitBuffer(eventId);
                break;
            case CreateConversationItemRealtimeClientMessage create:
                CreateItem(create.Item, PreviousItemId(create), eventId);
                break;
            case CreateResponseRealtimeClientMessage response:
                StartResponse(response, eventId);
                break;
            default:
                HandleRawClient(message, eventId);
                break;
        }
    }

    private static string? PreviousItemId(RealtimeClientMessage message)
        => RawJson(message) is { } json ? JsonFields.String(json, "previous_item_id") : null;

    private static JsonObject? RawJson(RealtimeClientMessage message) => message.RawRepresentation switch
    {
        JsonObject json => json,
        string text => TryParse(text),
        _ => null,
    };

    private static JsonObject? TryParse(string text)
    {
        try
        {
            return JsonNode.Parse(text) as JsonObject;
        }
        catch (System.Text.Json.JsonException)
        {
            return null;
        }
    }

    private void HandleRawClient(RealtimeClientMessage message, string? eventId)
    {
        JsonObject? json = RawJson(message);
        string? type = json is null ? null : JsonFields.String(json, "type");
        switch (type)
        {
            case "response.cancel":
                CancelByClient(json!, eventId);
                break;
            case "input_audio_buffer.clear":
                ClearBuffer();
                break;
            case "conversation.item.truncate":
                TruncateItem(json!, eventId);
                break;
            case "conversation.item.delete":
                DeleteItem(json!, eventId);
                break;
            case "conversation.item.retrieve":
                RetrieveItem(json!, eventId);
                break;
            default:
                EmitError("unknown_event_type", type is null
                    ? $"The local engine does not understand a {message.GetType().Name}."
                    : $"Invalid value: '{type}'. The local engine does not support this event type.", "type", eventId);
                break;
        }
    }

    private void Emit(RealtimeServerMessage message)
    {
        message.MessageId ??= RealtimeIds.Event();
        _outbound.Writer.TryWrite(message);
    }

    private void Emit(RealtimeServerMessageType type, JsonObject payload)
        => Emit(new RealtimeServerMessage { Type = type, RawRepresentation = payload });

    private void EmitError(string code, string message, string? param, string? eventId, string type = "invalid_request_error")
    {
        Log.ClientError(_logger, Id, code);
        Emit(new ErrorRealtimeServerMessage
        {
            Error = new ErrorContent(message) { ErrorCode = code, Details = param },
            OriginatingMessageId = eventId,
            RawRepresentation = new JsonObject
            {
                ["type"] = type,
                ["code"] = code,
                ["message"] = message,
                ["param"] = param,
                ["event_id"] = eventId,
            },
        });
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 100, Level = LogLevel.Error, Message = "Session {SessionId} failed to handle an event")]
        public static partial void EventFailed(ILogger logger, string sessionId, Exception exception);

        [LoggerMessage(EventId = 101, Level = LogLevel.Debug, Message = "Session {SessionId} answered a client event with error {Code}")]
        public static partial void ClientError(ILogger logger, string sessionId, string code);

        [LoggerMessage(EventId = 102, Level = LogLevel.Warning, Message = "Session {SessionId} response {ResponseId} failed")]
        public static partial void ResponseFailed(ILogger logger, string sessionId, string responseId, Exception exception);
    }
}
