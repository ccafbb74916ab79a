using System.Net.WebSockets;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;
using Voxgate.Realtime.Abstractions;
using Voxgate.Realtime.Protocol;
using Voxgate.Realtime.WebSockets;

namespace Voxgate.Realtime.Server;

/// <summary>
/// Relays one WebSocket connection to one <see cref="IRealtimeClientSession"/>, top to bottom: client frames are read,
/// checked and handed to the session; the session's messages are written back. A bad event is answered with an error
/// and the connection goes on; only an oversized frame, the client, the upstream or the clock ends it.
/// </summary>
internal sealed class RealtimeSessionRelay : IDisposable
{
    private const int InitialReceiveBuffer = 16 * 1024;

    private readonly WebSocketMessageReader _frames;
    private readonly ClientEventReader _reader = new();
    private readonly WebSocket _socket;
    private readonly IRealtimeClientSession _session;
    private readonly RealtimeHandshake _handshake;
    private readonly RealtimeApiOptions _options;
    private readonly ILogger _logger;
    private readonly string _connectionId;
    private readonly ServerEventWriter _writer;
    private readonly SemaphoreSlim _sendLock = new(1, 1);
    private readonly RealtimeSessionTelemetry _telemetry;
    private AudioInputFormat _inputFormat = AudioInputFormat.Pcm24k;

    public RealtimeSessionRelay(WebSocket socket, IRealtimeClientSession session, RealtimeHandshake handshake, RealtimeApiOptions options, ILogger logger, string connectionId, RealtimeSessionTelemetry? telemetry = null)
    {
        _telemetry = telemetry ?? RealtimeSessionTelemetry.None;
        _socket = socket;
        _session = session;
        _handshake = handshake;
        _options = options;
        _logger = logger;
        _connectionId = connectionId;
        _writer = new ServerEventWriter(handshake.Dialect);
        _frames = new WebSocketMessageReader(options.MaxMessageBytes, InitialReceiveBuffer);
    }

    public async Task<RelayEnd> RunAsync(CancellationToken aborted)
    {
        using var lifetime = CancellationTokenSource.CreateLinkedTokenSource(aborted);
        Task<RelayEnd> send = SendPumpAsync(lifetime.Token);
        Task<RelayEnd> receive = ReceivePumpAsync(lifetime.Token);
        Task expiry = Task.Delay(_options.MaxSessionDuration, lifetime.Token);
        Task first = await Task.WhenAny(send, receive, expiry).ConfigureAwait(false);
        RelayEnd end = first == expiry ? (expiry.IsCanceled ? RelayEnd.Aborted : RelayEnd.Expired) : await ((Task<RelayEnd>)first).ConfigureAwait(false);
        if (end == RelayEnd.Expired)
        {
            await SendErrorAsync(new ProtocolError("session_expired", $"Your session hit the maximum duration of {_options.MaxSessionDuration.TotalMinutes:0} minutes.", null, null), lifetime.Token).ConfigureAwait(false);
        }

        await CloseAsync(end, lifetime.Token).ConfigureAwait(false);

        // End the session, so its stream finishes rather than being cancelled: the middleware around it (OpenTelemetry)
        // reports a cancelled stream as an exception, and a normal close is none. Disposing again later is a no-op.
        if (end != RelayEnd.Aborted)
        {
            await _session.DisposeAsync().ConfigureAwait(false);
            await Task.WhenAny(send, Task.Delay(WebSocketClosing.Grace, CancellationToken.None)).ConfigureAwait(false);
        }

        await lifetime.CancelAsync().ConfigureAwait(false);
        await Task.WhenAll(Quietly(send), Quietly(receive)).ConfigureAwait(false);
        return end;
    }

    /// <summary>Client → session: read whole frames, turn each into a message or an error.</summary>
    private async Task<RelayEnd> ReceivePumpAsync(CancellationToken cancellationToken)
    {
        try
        {
            while (true)
            {
                WebSocketMessage frame = await _frames.ReadAsync(_socket, cancellationToken).ConfigureAwait(false);
                if (frame.Kind is WebSocketMessageKind.Text or WebSocketMessageKind.Binary)
                {
                    _telemetry.Received(frame.Payload.Length);
                }

                switch (frame.Kind)
                {
                    case WebSocketMessageKind.Closed:
                        return RelayEnd.ClientClosed;
                    case WebSocketMessageKind.TooBig:
                        Log.TooBig(_logger, _connectionId, frame.Bytes, _options.MaxMessageBytes);
                        return RelayEnd.MessageTooBig;
                    case WebSocketMessageKind.Binary:
                        await SendErrorAsync(new ProtocolError("invalid_json", "Binary frames are not supported; send each event as a JSON text frame.", null, null), cancellationToken).ConfigureAwait(false);
                        break;
                    default:
                        await HandleAsync(frame.Payload.Span, cancellationToken).ConfigureAwait(false);
                        break;
                }
            }
        }
        catch (Exception ex) when (ex is WebSocketException or OperationCanceledException)
        {
            return RelayEnd.Aborted;
        }
        catch (Exception ex)
        {
            // The session refused a message (it failed or was disposed under us): end cleanly, not with a reset.
            Log.UpstreamFailed(_logger, _connectionId, ex);
            return RelayEnd.UpstreamFailed;
        }
    }

    private ValueTask HandleAsync(ReadOnlySpan<byte> frame, CancellationToken cancellationToken)
    {
        ClientEvent clientEvent = _reader.Read(frame, _handshake.Dialect, _inputFormat);
        if (clientEvent.Error is { } error)
        {
            return SendErrorAsync(error, cancellationToken);
        }

        RealtimeClientMessage message = clientEvent.Message!;
        if (message is SessionUpdateRealtimeClientMessage { Options.InputAudioFormat: { } format })
        {
            // Appends that follow are in the new format; the session's reply confirms it (see SendPumpAsync).
            _inputFormat = new AudioInputFormat(format.MediaType, format.SampleRate);
        }

        return new ValueTask(_session.SendAsync(message, cancellationToken));
    }

    /// <summary>Session → client: every message the session streams, written in the connection's dialect.</summary>
    private async Task<RelayEnd> SendPumpAsync(CancellationToken cancellationToken)
    {
        try
        {
            // Function invocation middleware ends the stream when the model calls a tool the client must run (a
            // declaration); the session itself goes on, so ask again. A stream that ends at once means it is over.
            bool yielded = true;
            while (yielded)
            {
                yielded = false;
                await foreach (RealtimeServerMessage message in _session.GetStreamingResponseAsync(cancellationToken).ConfigureAwait(false))
                {
                    yielded = true;
                    await RelayAsync(message, cancellationToken).ConfigureAwait(false);
                }
            }

            return RelayEnd.UpstreamEnded;
        }
        catch (Exception ex) when (ex is WebSocketException or OperationCanceledException)
        {
            return RelayEnd.Aborted;
        }
        catch (Exception ex)
        {
            Log.UpstreamFailed(_logger, _connectionId, ex);
            return RelayEnd.UpstreamFailed;
        }
    }

    private async ValueTask RelayAsync(RealtimeServerMessage message, CancellationToken cancellationToken)
    {
        if (message is SessionRealtimeServerMessage { Options.InputAudioFormat: { } format }
            && (format.MediaType != _inputFormat.MediaType || format.SampleRate != _inputFormat.SampleRate))
        {
            // The session's word on its input format is final: appends that follow are read in it.
            _inputFormat = new AudioInputFormat(format.MediaType, format.SampleRate);
        }

        if (message is ErrorRealtimeServerMessage { Error.ErrorCode: { } code })
        {
            Log.ClientError(_logger, _connectionId, code);
            _telemetry.UpstreamError(code);
        }

        await _sendLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            _writer.Write(message);
            await FlushAsync(cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _sendLock.Release();

            // Written (or dropped): this relay was the audio's last consumer.
            (message as OutputAudioDeltaRealtimeServerMessage)?.Release();
        }
    }

    private async ValueTask SendErrorAsync(ProtocolError error, CancellationToken cancellationToken)
    {
        Log.ClientError(_logger, _connectionId, error.Code);
        await _sendLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            _writer.Write(error);
            await FlushAsync(cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _sendLock.Release();
        }
    }

    private async ValueTask FlushAsync(CancellationToken cancellationToken)
    {
        try
        {
            for (int i = 0; i < _writer.FrameCount; i++)
            {
                ReadOnlyMemory<byte> frame = _writer.Frame(i);
                await _socket.SendAsync(frame, WebSocketMessageType.Text, endOfMessage: true, cancellationToken).ConfigureAwait(false);
                _telemetry.Sent(frame.Length);
            }
        }
        finally
        {
            _writer.Clear();
        }
    }

    private async Task CloseAsync(RelayEnd end, CancellationToken cancellationToken)
    {
        (WebSocketCloseStatus status, string reason) = end switch
        {
            RelayEnd.MessageTooBig => (WebSocketCloseStatus.MessageTooBig, $"Frames are limited to {_options.MaxMessageBytes} bytes."),
            RelayEnd.Expired or RelayEnd.UpstreamEnded => (WebSocketCloseStatus.EndpointUnavailable, "The session ended."),
            RelayEnd.UpstreamFailed => (WebSocketCloseStatus.InternalServerError, "The upstream session failed."),
            _ => (WebSocketCloseStatus.NormalClosure, string.Empty),
        };
        try
        {
            await _sendLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            _socket.Abort();
            _telemetry.Closed(end, null);
            return;
        }

        try
        {
            await WebSocketClosing.CloseAsync(_socket, status, reason).ConfigureAwait(false);
            _telemetry.Closed(end, (int)status);
        }
        finally
        {
            _sendLock.Release();
        }
    }

    private static async Task Quietly(Task task)
    {
        try
        {
            await task.ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is OperationCanceledException or WebSocketException)
        {
        }
    }

    public void Dispose()
    {
        _writer.Dispose();
        _frames.Dispose();
        _sendLock.Dispose();
    }
}
