using System.Buffers;
using System.Net.WebSockets;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;
using Voxgate.Realtime.Protocol;

namespace Voxgate.Realtime.Server;

/// <summary>
/// Relays one WebSocket connection to one <see cref="IRealtimeClientSession"/>, top to bottom: client frames are read,
/// checked and handed to the session; the session's messages are written back. A bad event is answered with an error
/// and the connection goes on; only an oversized frame, the client, the upstream or the clock ends it.
/// </summary>
internal sealed class RealtimeSessionRelay : IDisposable
{
    private const int InitialReceiveBuffer = 16 * 1024;

    private readonly WebSocket _socket;
    private readonly IRealtimeClientSession _session;
    private readonly RealtimeHandshake _handshake;
    private readonly RealtimeApiOptions _options;
    private readonly ILogger _logger;
    private readonly string _connectionId;
    private readonly ServerEventWriter _writer;
    private readonly SemaphoreSlim _sendLock = new(1, 1);
    private AudioInputFormat _inputFormat = AudioInputFormat.Pcm24k;

    public RealtimeSessionRelay(WebSocket socket, IRealtimeClientSession session, RealtimeHandshake handshake, RealtimeApiOptions options, IRawServerEventConverter? converter, ILogger logger, string connectionId)
    {
        _socket = socket;
        _session = session;
        _handshake = handshake;
        _options = options;
        _logger = logger;
        _connectionId = connectionId;
        _writer = new ServerEventWriter(handshake.Dialect, converter);
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
        await lifetime.CancelAsync().ConfigureAwait(false);
        await Task.WhenAll(Quietly(send), Quietly(receive)).ConfigureAwait(false);
        return end;
    }

    /// <summary>Client → session: read whole frames, turn each into a message or an error.</summary>
    private async Task<RelayEnd> ReceivePumpAsync(CancellationToken cancellationToken)
    {
        byte[] buffer = ArrayPool<byte>.Shared.Rent(InitialReceiveBuffer);
        try
        {
            while (true)
            {
                int count = 0;
                ValueWebSocketReceiveResult result;
                do
                {
                    if (count == buffer.Length)
                    {
                        // Grow to at most one byte over the limit: enough to know the frame is too big.
                        byte[] bigger = ArrayPool<byte>.Shared.Rent(Math.Min(buffer.Length * 2, _options.MaxMessageBytes + 1));
                        buffer.AsSpan(0, count).CopyTo(bigger);
                        ArrayPool<byte>.Shared.Return(buffer);
                        buffer = bigger;
                    }

                    result = await _socket.ReceiveAsync(buffer.AsMemory(count), cancellationToken).ConfigureAwait(false);
                    if (result.MessageType == WebSocketMessageType.Close)
                    {
                        return RelayEnd.ClientClosed;
                    }

                    count += result.Count;
                    if (count > _options.MaxMessageBytes)
                    {
                        Log.TooBig(_logger, _connectionId, count, _options.MaxMessageBytes);
                        return RelayEnd.MessageTooBig;
                    }
                }
                while (!result.EndOfMessage);

                if (result.MessageType == WebSocketMessageType.Binary)
                {
                    await SendErrorAsync(new ProtocolError("invalid_json", "Binary frames are not supported; send each event as a JSON text frame.", null, null), cancellationToken).ConfigureAwait(false);
                }
                else
                {
                    await HandleAsync(buffer.AsSpan(0, count), cancellationToken).ConfigureAwait(false);
                }

                if (buffer.Length > 1024 * 1024)
                {
                    // One big frame should not pin a big buffer for the rest of the session.
                    ArrayPool<byte>.Shared.Return(buffer);
                    buffer = ArrayPool<byte>.Shared.Rent(InitialReceiveBuffer);
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
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private ValueTask HandleAsync(ReadOnlySpan<byte> frame, CancellationToken cancellationToken)
    {
        ClientEvent clientEvent = ClientEventReader.Read(frame, _handshake.Dialect, _inputFormat);
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
        if (message.Type != RealtimeServerMessageType.OutputAudioDelta && _session.Options?.InputAudioFormat is { } format
            && (format.MediaType != _inputFormat.MediaType || format.SampleRate != _inputFormat.SampleRate)
            && message.Type.Value is "SessionCreated" or "SessionUpdated" or "RawContentOnly")
        {
            _inputFormat = new AudioInputFormat(format.MediaType, format.SampleRate);
        }

        if (message is ErrorRealtimeServerMessage { Error.ErrorCode: { } code })
        {
            Log.ClientError(_logger, _connectionId, code);
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
                await _socket.SendAsync(_writer.Frame(i), WebSocketMessageType.Text, endOfMessage: true, cancellationToken).ConfigureAwait(false);
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
            try
            {
                if (_socket.State is WebSocketState.Open or WebSocketState.CloseReceived)
                {
                    using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
                    await _socket.CloseOutputAsync(status, reason, timeout.Token).ConfigureAwait(false);
                }
            }
            finally
            {
                _sendLock.Release();
            }
        }
        catch (Exception ex) when (ex is WebSocketException or OperationCanceledException)
        {
            // The peer is gone; nothing left to tell it.
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
        _sendLock.Dispose();
    }
}
