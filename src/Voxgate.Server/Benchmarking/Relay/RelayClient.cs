using System.Buffers.Binary;
using System.Diagnostics;
using System.Net.WebSockets;
using System.Text;

namespace Voxgate.Server.Benchmarking.Relay;

/// <summary>
/// One browser-like session of the relay benchmark: sends a 20 ms PCM16 frame each tick with its send time written in
/// its first bytes, and times the frame when the echo brings it back through the gateway.
/// </summary>
internal sealed class RelayClient : IAsyncDisposable
{
    public const int FrameBytes = 960;

    private readonly ClientWebSocket _socket = new();
    private readonly byte[] _frame = new byte[FrameBytes];
    private readonly RoundTripHistogram _histogram;
    private readonly TaskCompletionSource _ready = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private Task _reader = Task.CompletedTask;
    private Task _send = Task.CompletedTask;
    private long _sent;
    private long _received;

    public RelayClient(RoundTripHistogram histogram) => _histogram = histogram;

    /// <summary>When false (the warm-up), frames are sent unmarked and their echoes neither counted nor timed.</summary>
    public bool Recording { get; set; }

    public long Sent => Interlocked.Read(ref _sent);

    public long Received => Interlocked.Read(ref _received);

    /// <summary>Ticks whose frame could not go because the previous send had not finished.</summary>
    public long Stalled { get; private set; }

    public async Task ConnectAsync(Uri gateway, CancellationToken cancellationToken)
    {
        await _socket.ConnectAsync(gateway, cancellationToken).ConfigureAwait(false);
        _reader = Task.Run(ReadAsync, CancellationToken.None);
        await _ready.Task.WaitAsync(TimeSpan.FromSeconds(30), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Sends this tick's frame unless the last one is still going out; called from the one timer.</summary>
    public void Tick(long sequence)
    {
        if (!_send.IsCompleted)
        {
            Stalled++;
            return;
        }

        BinaryPrimitives.WriteInt64LittleEndian(_frame, Stopwatch.GetTimestamp());
        BinaryPrimitives.WriteInt64LittleEndian(_frame.AsSpan(8), Recording ? sequence : -1);
        if (Recording)
        {
            Interlocked.Increment(ref _sent);
        }

        _send = _socket.SendAsync(_frame.AsMemory(), WebSocketMessageType.Binary, endOfMessage: true, CancellationToken.None).AsTask();
    }

    private async Task ReadAsync()
    {
        var buffer = new byte[64 * 1024];
        try
        {
            while (true)
            {
                int count = 0;
                ValueWebSocketReceiveResult result;
                do
                {
                    result = await _socket.ReceiveAsync(buffer.AsMemory(count), CancellationToken.None).ConfigureAwait(false);
                    count += result.Count;
                }
                while (!result.EndOfMessage && result.MessageType != WebSocketMessageType.Close);

                if (result.MessageType == WebSocketMessageType.Close)
                {
                    return;
                }

                if (result.MessageType == WebSocketMessageType.Text)
                {
                    if (!_ready.Task.IsCompleted && Encoding.UTF8.GetString(buffer, 0, count).Contains("\"session.ready\"", StringComparison.Ordinal))
                    {
                        _ready.TrySetResult();
                    }

                    continue;
                }

                // A frame the gateway may have split or joined is still whole here: the echo sends each append back as one delta.
                for (int offset = 0; offset + 16 <= count; offset += FrameBytes)
                {
                    long sentAt = BinaryPrimitives.ReadInt64LittleEndian(buffer.AsSpan(offset));
                    long sequence = BinaryPrimitives.ReadInt64LittleEndian(buffer.AsSpan(offset + 8));
                    if (sequence >= 0)
                    {
                        Interlocked.Increment(ref _received);
                        _histogram.Add(Stopwatch.GetElapsedTime(sentAt).TotalMilliseconds);
                    }
                }
            }
        }
        catch (Exception ex) when (ex is WebSocketException or OperationCanceledException or ObjectDisposedException)
        {
        }
        finally
        {
            _ready.TrySetResult();
        }
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (_socket.State == WebSocketState.Open)
            {
                using var grace = new CancellationTokenSource(TimeSpan.FromSeconds(2));
                await _socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, "done", grace.Token).ConfigureAwait(false);
            }
        }
        catch (Exception ex) when (ex is WebSocketException or OperationCanceledException)
        {
        }

        _socket.Abort();
        await _reader.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        _socket.Dispose();
    }
}
