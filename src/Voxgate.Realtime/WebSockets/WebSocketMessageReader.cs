using System.Buffers;
using System.Net.WebSockets;
using System.Runtime.CompilerServices;

namespace Voxgate.Realtime.WebSockets;

/// <summary>
/// Reads whole WebSocket messages into one pooled buffer that grows to at most one byte over a limit (enough to know a
/// message is too big) and shrinks again after a big one, so a session's steady state allocates nothing per message.
/// Shared by every relay: the browser gateway, <c>/v1/realtime</c> and the upstream client.
/// </summary>
public sealed class WebSocketMessageReader : IDisposable
{
    private const int ShrinkAbove = 1024 * 1024;

    private const int Idle = 0;
    private const int Reading = 1;
    private const int Disposed = 2;

    private readonly int _maxMessageBytes;
    private readonly int _initialBytes;
    private byte[] _buffer;
    private int _state;

    /// <param name="maxMessageBytes">The largest message accepted.</param>
    /// <param name="initialBytes">The buffer to start with; messages up to this size never cause growth.</param>
    public WebSocketMessageReader(int maxMessageBytes, int initialBytes = 16 * 1024)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxMessageBytes, 1);
        _maxMessageBytes = maxMessageBytes;
        _initialBytes = Math.Min(Math.Max(initialBytes, 256), maxMessageBytes + 1);
        _buffer = ArrayPool<byte>.Shared.Rent(_initialBytes);
    }

    /// <summary>Reads the next whole message. Cancelling aborts the socket (as WebSocket receives do); pass none to close cleanly.</summary>
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    public async ValueTask<WebSocketMessage> ReadAsync(WebSocket socket, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(socket);
        ObjectDisposedException.ThrowIf(Interlocked.CompareExchange(ref _state, Reading, Idle) != Idle, this);
        try
        {
            return await ReadMessageAsync(socket, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            // Disposed while the socket still wrote into the buffer (an abort): only now may it go back.
            if (Interlocked.CompareExchange(ref _state, Idle, Reading) == Disposed)
            {
                ReturnBuffer();
            }
        }
    }

    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    private async ValueTask<WebSocketMessage> ReadMessageAsync(WebSocket socket, CancellationToken cancellationToken)
    {
        if (_buffer.Length > ShrinkAbove)
        {
            // One big message should not pin a big buffer for the rest of the session.
            ArrayPool<byte>.Shared.Return(_buffer);
            _buffer = ArrayPool<byte>.Shared.Rent(_initialBytes);
        }

        int count = 0;
        while (true)
        {
            if (count == _buffer.Length)
            {
                byte[] bigger = ArrayPool<byte>.Shared.Rent((int)Math.Min((long)_buffer.Length * 2, _maxMessageBytes + 1L));
                _buffer.AsSpan(0, count).CopyTo(bigger);
                ArrayPool<byte>.Shared.Return(_buffer);
                _buffer = bigger;
            }

            ValueWebSocketReceiveResult result = await socket.ReceiveAsync(_buffer.AsMemory(count), cancellationToken).ConfigureAwait(false);
            if (result.MessageType == WebSocketMessageType.Close)
            {
                return new WebSocketMessage(WebSocketMessageKind.Closed, ReadOnlyMemory<byte>.Empty, count);
            }

            count += result.Count;
            if (count > _maxMessageBytes)
            {
                return new WebSocketMessage(WebSocketMessageKind.TooBig, ReadOnlyMemory<byte>.Empty, count);
            }

            if (result.EndOfMessage)
            {
                WebSocketMessageKind kind = result.MessageType == WebSocketMessageType.Binary ? WebSocketMessageKind.Binary : WebSocketMessageKind.Text;
                return new WebSocketMessage(kind, _buffer.AsMemory(0, count), count);
            }
        }
    }

    /// <summary>Gives the buffer back, or leaves that to a read still in flight. A message's payload is invalid afterwards.</summary>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _state, Disposed) == Idle)
        {
            ReturnBuffer();
        }
    }

    private void ReturnBuffer()
    {
        byte[] buffer = Interlocked.Exchange(ref _buffer, []);
        if (buffer.Length > 0)
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }
}
