using System.Net.WebSockets;
using System.Runtime.CompilerServices;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;
using Voxgate.Realtime.Abstractions;
using Voxgate.Realtime.Protocol;
using Voxgate.Realtime.WebSockets;

namespace Voxgate.Realtime.Client;

/// <summary>
/// One session with an OpenAI-compatible realtime service. Connecting includes the first configuration: the session is
/// returned once the service has confirmed it (<c>session.updated</c>), so <see cref="Options"/> is what is in force and
/// a refused configuration is an exception, not a surprise mid-call.
/// </summary>
/// <remarks>
/// Sends are serialised by a lock that costs nothing when free; an append is encoded before the first await, so its
/// borrowed audio is no longer needed when <see cref="SendAsync"/> returns. Events are read straight off the socket as
/// the stream is enumerated: no extra task or queue between the service and the consumer.
/// </remarks>
internal sealed partial class WebSocketRealtimeClientSession : IRealtimeClientSession
{
    private readonly WebSocket _socket;
    private readonly ILogger _logger;
    private readonly ClientEventWriter _writer = new();
    private readonly ServerEventReader _reader = new();
    private readonly WebSocketMessageReader _frames;
    private readonly SemaphoreSlim _sendLock = new(1, 1);
    private readonly Queue<RealtimeServerMessage> _early = new();
    private IReadOnlyList<AITool>? _requestedTools;
    private int _disposed;

    private WebSocketRealtimeClientSession(WebSocket socket, WebSocketRealtimeClientOptions options, ILogger logger)
    {
        _socket = socket;
        _logger = logger;
        _frames = new WebSocketMessageReader(options.MaxMessageBytes);
    }

    /// <inheritdoc />
    public RealtimeSessionOptions? Options { get; private set; }

    /// <summary>The service's session id.</summary>
    public string? SessionId { get; private set; }

    /// <summary>A session over a socket that is already open (benchmarks drive the real send and read paths this way).</summary>
    internal static WebSocketRealtimeClientSession Over(WebSocket socket, WebSocketRealtimeClientOptions options, ILogger logger) => new(socket, options, logger);

    public static async Task<WebSocketRealtimeClientSession> ConnectAsync(
        WebSocketRealtimeClientOptions options, RealtimeSessionOptions? sessionOptions, HttpMessageInvoker invoker, ILogger logger, CancellationToken cancellationToken)
    {
        var socket = new ClientWebSocket();
        if (options.ApiKey is { Length: > 0 } key)
        {
            socket.Options.SetRequestHeader("Authorization", "Bearer " + key);
        }

        foreach ((string name, string value) in options.Headers)
        {
            socket.Options.SetRequestHeader(name, value);
        }

        socket.Options.KeepAliveInterval = TimeSpan.FromSeconds(20);
        var session = new WebSocketRealtimeClientSession(socket, options, logger);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(options.ConnectTimeout);
        try
        {
            Uri uri = options.SessionUri(sessionOptions?.SessionKind == RealtimeSessionKind.Transcription);
            try
            {
                await socket.ConnectAsync(uri, invoker, timeout.Token).ConfigureAwait(false);
            }
            catch (WebSocketException ex)
            {
                throw new RealtimeUpstreamException($"Could not open a realtime session at {uri.GetLeftPart(UriPartial.Path)}: {ex.Message}", "upstream_unreachable", ex);
            }

            await session.ExpectAsync(RealtimeMessageTypes.SessionCreated, timeout.Token).ConfigureAwait(false);
            if (sessionOptions is not null)
            {
                await session.SendAsync(new SessionUpdateRealtimeClientMessage(sessionOptions), timeout.Token).ConfigureAwait(false);
                await session.ExpectAsync(RealtimeMessageTypes.SessionUpdated, timeout.Token).ConfigureAwait(false);
            }

            Log.Connected(logger, session.SessionId ?? "?", options.Model);
            return session;
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            await session.DisposeAsync().ConfigureAwait(false);
            throw new RealtimeUpstreamException($"The realtime service did not answer within {options.ConnectTimeout.TotalSeconds:0.#} s.", "upstream_timeout");
        }
        catch
        {
            await session.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <inheritdoc />
    public Task SendAsync(RealtimeClientMessage message, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(message);
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
        if (message is SessionUpdateRealtimeClientMessage { Options.Tools: { } tools })
        {
            _requestedTools = tools;
        }

        if (!_sendLock.Wait(0, CancellationToken.None))
        {
            return SendQueuedAsync(message, cancellationToken);
        }

        // The fast path: encode and send now; a send that completes at once costs no task.
        bool handedOff = false;
        try
        {
            ValueTask send = _socket.SendAsync(_writer.Write(message), WebSocketMessageType.Text, endOfMessage: true, cancellationToken);
            if (send.IsCompletedSuccessfully)
            {
                send.GetAwaiter().GetResult();
                return Task.CompletedTask;
            }

            handedOff = true;
            return FinishSendAsync(send);
        }
        finally
        {
            if (!handedOff)
            {
                _sendLock.Release();
            }
        }
    }

    private async Task SendQueuedAsync(RealtimeClientMessage message, CancellationToken cancellationToken)
    {
        await _sendLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await _socket.SendAsync(_writer.Write(message), WebSocketMessageType.Text, endOfMessage: true, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _sendLock.Release();
        }
    }

    private async Task FinishSendAsync(ValueTask send)
    {
        try
        {
            await send.ConfigureAwait(false);
        }
        finally
        {
            _sendLock.Release();
        }
    }

    /// <inheritdoc />
    public async IAsyncEnumerable<RealtimeServerMessage> GetStreamingResponseAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        while (_early.TryDequeue(out RealtimeServerMessage? early))
        {
            yield return early;
        }

        while (Volatile.Read(ref _disposed) == 0)
        {
            RealtimeServerMessage? message;
            try
            {
                message = await ReadAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (WebSocketException) when (Volatile.Read(ref _disposed) != 0)
            {
                yield break;
            }

            if (message is null)
            {
                yield break;
            }

            yield return message;
        }
    }

    /// <summary>The next event, or null once the service has closed the session.</summary>
    private async ValueTask<RealtimeServerMessage?> ReadAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            WebSocketMessage frame = await _frames.ReadAsync(_socket, cancellationToken).ConfigureAwait(false);
            switch (frame.Kind)
            {
                case WebSocketMessageKind.Closed:
                    Log.Closed(_logger, SessionId ?? "?", (int?)_socket.CloseStatus ?? 0, _socket.CloseStatusDescription);
                    return null;
                case WebSocketMessageKind.TooBig:
                    throw new RealtimeUpstreamException($"The realtime service sent an event of over {frame.Bytes} bytes.", "event_too_large");
                case WebSocketMessageKind.Binary:
                    Log.Skipped(_logger, SessionId ?? "?", "a binary frame");
                    continue;
            }

            RealtimeServerMessage? message = _reader.Read(frame.Payload.Span);
            if (message is null)
            {
                Log.Skipped(_logger, SessionId ?? "?", "a frame that is not a JSON event");
                continue;
            }

            if (message is SessionRealtimeServerMessage session)
            {
                SessionId = session.SessionId;
                Options = WithRequestedTools(session.Options);
            }

            return message;
        }
    }

    /// <summary>
    /// The service reports its tools as declarations; where one is a tool this session asked for, the session keeps the
    /// one it was given, so function-invocation middleware (which looks in <see cref="Options"/>) can run it.
    /// </summary>
    private RealtimeSessionOptions WithRequestedTools(RealtimeSessionOptions reported)
    {
        if (_requestedTools is not { Count: > 0 } requested || reported.Tools is not { } declared)
        {
            return reported;
        }

        var byName = new Dictionary<string, AITool>(StringComparer.Ordinal);
        foreach (AITool tool in requested)
        {
            byName.TryAdd(tool.Name, tool);
        }

        IReadOnlyList<AITool> tools = [.. declared.Select(tool => byName.GetValueOrDefault(tool.Name, tool))];
        return new ExtendedRealtimeSessionOptions(reported) { Tools = tools };
    }

    /// <summary>Reads until <paramref name="type"/>, keeping what came first for the stream; an error is the refusal.</summary>
    private async Task ExpectAsync(RealtimeServerMessageType type, CancellationToken cancellationToken)
    {
        while (true)
        {
            RealtimeServerMessage? message = await ReadAsync(cancellationToken).ConfigureAwait(false)
                ?? throw new RealtimeUpstreamException(
                    $"The realtime service closed the session while it was being set up (close code {(int?)_socket.CloseStatus}: {_socket.CloseStatusDescription}).",
                    "upstream_closed");
            if (message is ErrorRealtimeServerMessage error)
            {
                throw new RealtimeUpstreamException($"The realtime service refused the session: {error.Error?.Message}", error.Error?.ErrorCode);
            }

            _early.Enqueue(message);
            if (message.Type == type)
            {
                return;
            }
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

        await WebSocketClosing.CloseAsync(_socket, WebSocketCloseStatus.NormalClosure, "session ended").ConfigureAwait(false);
        _socket.Dispose();
        _frames.Dispose();

        // A send still in flight finishes (or fails on the closed socket) before the writer goes.
        if (await _sendLock.WaitAsync(WebSocketClosing.Grace).ConfigureAwait(false))
        {
            _writer.Dispose();
        }
        while (_early.TryDequeue(out RealtimeServerMessage? left))
        {
            (left as OutputAudioDeltaRealtimeServerMessage)?.Release();
        }
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 420, Level = LogLevel.Debug, Message = "Upstream session {SessionId} open (model {Model})")]
        public static partial void Connected(ILogger logger, string sessionId, string model);

        [LoggerMessage(EventId = 421, Level = LogLevel.Information, Message = "Upstream session {SessionId} closed by the service ({Status} {Description})")]
        public static partial void Closed(ILogger logger, string sessionId, int status, string? description);

        [LoggerMessage(EventId = 422, Level = LogLevel.Warning, Message = "Upstream session {SessionId}: skipped {What}")]
        public static partial void Skipped(ILogger logger, string sessionId, string what);
    }
}
