using System.Buffers;
using System.Runtime.CompilerServices;
using System.Threading.Channels;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;
using Voxgate.Realtime.Abstractions;

namespace Voxgate.Speech.Engine;

/// <summary>
/// One conversation with the local engine, behaving like an OpenAI Realtime session with server VAD.
/// </summary>
/// <remarks>
/// Everything that changes the session's state happens on one loop, fed by a bounded channel: client messages,
/// recognition results and the response generator's output, dispatched by one switch to the part that owns that
/// state — the configuration, the input and its turns, the responses, the conversation. Heavy work (speech
/// recognition, the brain, synthesis) runs on workers that post back to that loop, so VAD — and with it barge-in —
/// never waits.
/// </remarks>
public sealed class LocalRealtimeSession : IRealtimeClientSession
{
    private const int InboundCapacity = 256;

    private readonly EngineLimits _limits;
    private readonly ILogger _logger;
    private readonly Channel<EngineSignal> _inbound = Channel.CreateBounded<EngineSignal>(new BoundedChannelOptions(InboundCapacity)
    {
        FullMode = BoundedChannelFullMode.Wait,
        SingleReader = true,
    });

    private readonly CancellationTokenSource _lifetime = new();
    private readonly SessionOutput _output;
    private readonly SessionConfiguration _config;
    private readonly SessionConversation _conversation;
    private readonly SessionResponses _responses;
    private readonly SessionInput _input;
    private readonly ITimer _expiry;
    private Task _loop = Task.CompletedTask;
    private int _disposed;

    internal LocalRealtimeSession(LocalSpeechEngine engine, IChatClient brain, EngineLimits limits, ILogger logger, TimeProvider time)
    {
        _limits = limits;
        _logger = logger;
        var clock = new SessionClock(time);
        _output = new SessionOutput(Id, logger);
        _config = new SessionConfiguration(Id, engine.Speech.DefaultVoice, time.GetUtcNow().Add(limits.MaxSessionDuration));
        _conversation = new SessionConversation(limits.MaxConversationItems, _output);
        var generator = new ResponseGenerator(brain, engine.Speech, clock, limits.OutputLeadMs);
        _responses = new SessionResponses(_config, _conversation, _output, generator, clock, PostAsync, Id, logger, _lifetime.Token);
        _input = new SessionInput(engine.Vad, engine.Recognizers, PostAsync, clock, limits, _output, _conversation, _responses, logger, Id);
        _expiry = time.CreateTimer(_ => PostAsync(new SessionExpired()).AsTask(), null, limits.MaxSessionDuration, Timeout.InfiniteTimeSpan);
    }

    /// <summary>The session id, <c>sess_…</c>.</summary>
    public string Id { get; } = RealtimeIds.Session();

    /// <inheritdoc />
    /// <remarks>The configuration in force (as reported in session.created and session.updated), kept current for middleware that reads the tools.</remarks>
    public RealtimeSessionOptions? Options => _config.Options;

    /// <summary>Replies prepared in silence windows so far, how many were sent and how many thrown away (the engine benchmark reads these).</summary>
    internal (int Prepared, int Sent, int Discarded) Preemption => (_responses.Prepared, _responses.PreparedSent, _responses.PreparedDiscarded);

    /// <summary>Applies the first options and starts the loop; the session announces itself with session.created.</summary>
    internal void Start(RealtimeSessionOptions? options)
    {
        _config.Begin(options);
        if (options is not null && _config.Apply(options) is { } problem)
        {
            throw new ArgumentException($"{problem.Param}: {problem.Message}", nameof(options));
        }

        _input.Reconfigure(_config);
        _output.Emit(_config.Describe(RealtimeMessageTypes.SessionCreated));
        _loop = Task.Run(RunAsync);
    }

    /// <inheritdoc />
    /// <remarks>An append's audio is copied before this returns: the caller may reuse its buffer at once.</remarks>
    public async Task SendAsync(RealtimeClientMessage message, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(message);
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
        EngineSignal signal = message is InputAudioBufferAppendRealtimeClientMessage { Content: { } audio }
            ? AppendedAudio.Copy(audio, message.MessageId)
            : new ClientSignal(message);
        try
        {
            await _inbound.Writer.WriteAsync(signal, cancellationToken).ConfigureAwait(false);
        }
        catch (ChannelClosedException)
        {
            // The session has ended (expired or disposed); like a closed socket, further sends go nowhere.
            Release(signal);
        }
        catch (OperationCanceledException)
        {
            Release(signal);
            throw;
        }
    }

    /// <inheritdoc />
    public async IAsyncEnumerable<RealtimeServerMessage> GetStreamingResponseAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await foreach (RealtimeServerMessage message in _output.Reader.ReadAllAsync(cancellationToken).ConfigureAwait(false))
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

        await _responses.DisposeAsync().ConfigureAwait(false);
        await _input.DisposeAsync().ConfigureAwait(false);

        // Whatever the loop did not get to may hold pooled buffers.
        while (_inbound.Reader.TryRead(out EngineSignal? left))
        {
            Release(left);
        }

        _output.Complete();
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

    private static void Release(EngineSignal signal)
    {
        switch (signal)
        {
            case AppendedAudio audio:
                audio.Release();
                break;
            case ResponseAudio { Buffer.Length: > 0 } audio:
                ArrayPool<byte>.Shared.Return(audio.Buffer);
                break;
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
                    EngineLog.EventFailed(_logger, Id, ex);
                    _output.Error(RealtimeErrorCodes.ServerError, "The server had an error while processing the event.", null, ClientMessageId(signal));
                }
            }
        }
        catch (OperationCanceledException) when (_lifetime.IsCancellationRequested)
        {
        }
        finally
        {
            _inbound.Writer.TryComplete();
            _output.Complete();
        }
    }

    /// <summary>The one dispatch: each signal goes to the part that owns what it changes. False ends the session.</summary>
    private bool Handle(EngineSignal signal)
    {
        string? eventId = ClientMessageId(signal);
        switch (signal)
        {
            case AppendedAudio audio:
                try
                {
                    _input.Append(audio.Data, audio.MediaType, eventId);
                }
                finally
                {
                    audio.Release();
                }

                break;
            case ClientSignal { Message: InputAudioBufferAppendRealtimeClientMessage }:
                _input.Append([], null, eventId);
                break;
            case ClientSignal { Message: SessionUpdateRealtimeClientMessage { Options: null } }:
                _output.Error(RealtimeErrorCodes.MissingRequiredParameter, "Missing required parameter: 'session'.", "session", eventId);
                break;
            case ClientSignal { Message: SessionUpdateRealtimeClientMessage { Options: { } options } }:
                var rejected = new List<SessionProblem>();
                if (_config.Apply(options, rejected) is { } problem)
                {
                    _output.Error(RealtimeErrorCodes.InvalidValue, problem.Message, problem.Param, eventId);
                    break;
                }

                foreach (SessionProblem part in rejected)
                {
                    _output.Error(RealtimeErrorCodes.InvalidValue, part.Message, part.Param, eventId);
                }

                _input.Reconfigure(_config);
                _output.Emit(_config.Describe(RealtimeMessageTypes.SessionUpdated));
                break;
            case ClientSignal { Message: InputAudioBufferCommitRealtimeClientMessage }:
                _input.Commit(eventId);
                break;
            case ClientSignal { Message: InputAudioBufferClearRealtimeClientMessage }:
                _input.Clear();
                break;
            case ClientSignal { Message: CreateConversationItemRealtimeClientMessage create }:
                if (_conversation.Create(create, out DataContent? speech) is { } created && speech is not null)
                {
                    _input.Transcribe(created, speech);
                }

                break;
            case ClientSignal { Message: ConversationItemTruncateRealtimeClientMessage truncate }:
                if (_conversation.FindTruncatable(truncate) is { } spoken)
                {
                    _responses.StopIfSpeaking(spoken);
                    _conversation.Truncate(spoken, truncate);
                }

                break;
            case ClientSignal { Message: ConversationItemDeleteRealtimeClientMessage delete }:
                _conversation.Delete(delete);
                break;
            case ClientSignal { Message: ConversationItemRetrieveRealtimeClientMessage retrieve }:
                _conversation.Retrieve(retrieve);
                break;
            case ClientSignal { Message: CreateResponseRealtimeClientMessage request }:
                _input.RequestResponse(request);
                break;
            case ClientSignal { Message: ResponseCancelRealtimeClientMessage cancel }:
                _responses.Cancel(cancel);
                break;
            case ClientSignal { Message: var other }:
                _output.Error(RealtimeErrorCodes.UnknownEventType, $"The local engine does not understand a {other.GetType()}.", "type", eventId);
                break;
            case RecognitionPartial partial:
                _input.OnRecognitionPartial(partial);
                break;
            case RecognitionSettled settled:
                _input.OnRecognitionSettled(settled);
                break;
            case RecognitionFinal final:
                _input.OnRecognitionFinal(final.ItemId, final.Text, null);
                break;
            case RecognitionFailed failed:
                _input.OnRecognitionFinal(failed.ItemId, null, failed.Message);
                break;
            case ResponseText text:
                _responses.OnText(text);
                break;
            case ResponseAudio audio:
                _responses.OnAudio(audio);
                break;
            case ResponseFunctionCall call:
                _responses.OnFunctionCall(call);
                break;
            case ResponseExpects expects:
                _responses.OnExpects(expects);
                break;
            case ResponseFinished finished:
                _responses.OnFinished(finished);
                break;
            case SessionExpired:
                _output.Error(RealtimeErrorCodes.SessionExpired, $"Your session hit the maximum duration of {_limits.MaxSessionDuration.TotalMinutes:0} minutes.", null, null);
                return false;
        }

        return true;
    }

    private static string? ClientMessageId(EngineSignal signal) => signal switch
    {
        ClientSignal client => client.Message.MessageId,
        AppendedAudio audio => audio.MessageId,
        _ => null,
    };
}
