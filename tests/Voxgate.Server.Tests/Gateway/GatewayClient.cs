using System.Net.WebSockets;
using System.Text;
using System.Text.Json.Nodes;
using Voxgate.Testing;

namespace Voxgate.Server.Tests.Gateway;

/// <summary>
/// A test client of <c>/ws</c>: streams PCM16 in 20 ms frames (faster than real time), and records everything
/// the server sends, text and binary, in order.
/// </summary>
internal sealed class GatewayClient : IAsyncDisposable
{
    private const int FrameBytes = 960;

    private readonly ClientWebSocket _socket;
    private readonly EventLog<Received> _log = new();
    private readonly Task _reader;

    private GatewayClient(ClientWebSocket socket)
    {
        _socket = socket;
        _reader = Task.Run(ReadAsync);
    }

    public WebSocketCloseStatus? CloseStatus => _socket.CloseStatus;

    public bool Closed { get; private set; }

    public static async Task<GatewayClient> ConnectAsync(Uri server, string query = "", Action<ClientWebSocketOptions>? configure = null)
    {
        var socket = new ClientWebSocket();
        configure?.Invoke(socket.Options);
        var uri = new UriBuilder(server) { Scheme = "ws", Path = "/ws", Query = query }.Uri;
        await socket.ConnectAsync(uri, CancellationToken.None);
        return new GatewayClient(socket);
    }

    public IReadOnlyList<Received> Received => _log.Items;

    public IEnumerable<JsonObject> Events => Received.Where(r => r.Event is not null).Select(r => r.Event!);

    public byte[] Audio => [.. Received.Where(r => r.Binary is not null).SelectMany(r => r.Binary!)];

    public async Task SendAudioAsync(byte[] pcm)
    {
        for (int offset = 0; offset < pcm.Length; offset += FrameBytes)
        {
            await _socket.SendAsync(pcm.AsMemory(offset, Math.Min(FrameBytes, pcm.Length - offset)), WebSocketMessageType.Binary, true, CancellationToken.None);
        }
    }

    public Task SendSilenceAsync(int milliseconds) => SendAudioAsync(new byte[milliseconds * 48]);

    public Task SendJsonAsync(JsonObject json) => SendTextAsync(json.ToJsonString());

    public Task SendTextAsync(string text) => _socket.SendAsync(Encoding.UTF8.GetBytes(text), WebSocketMessageType.Text, true, CancellationToken.None);

    public Task SendRawAsync(byte[] bytes, WebSocketMessageType type) => _socket.SendAsync(bytes, type, true, CancellationToken.None);

    /// <summary>Keeps the session's clock moving with silence until the wanted event arrives.</summary>
    /// <param name="pauseMs">Pause after each 100 ms of silence: 5 ms feeds 20× faster than real time.</param>
    public async Task<JsonObject> SilenceUntilAsync(Func<JsonObject, bool> predicate, int maxMilliseconds = 30_000, int from = 0, int pauseMs = 5)
    {
        for (int sent = 0; sent <= maxMilliseconds && !Closed; sent += 100)
        {
            if (Find(predicate, from) is { } found)
            {
                return found;
            }

            await SendSilenceAsync(100);
            await Task.Delay(pauseMs);
        }

        // The session clock goes on at wall speed once the feeding stops, so a slow machine only needs longer.
        return await WaitForAsync(predicate, from, TimeSpan.FromSeconds(30));
    }

    public JsonObject? Find(Func<JsonObject, bool> predicate, int from = 0)
        => _log.Find(r => r.Event is { } e && predicate(e), from)?.Event;

    public async Task<JsonObject> WaitForAsync(Func<JsonObject, bool> predicate, int from = 0, TimeSpan? timeout = null)
    {
        Received found = await _log.WaitForAsync(
            r => r.Event is { } e && predicate(e),
            from,
            timeout ?? TimeSpan.FromSeconds(30),
            () => string.Join(", ", Events.Select(e => (string?)e["type"])),
            () => Closed);
        return found.Event!;
    }

    public Task<JsonObject> WaitForTypeAsync(string type, int from = 0, TimeSpan? timeout = null)
        => WaitForAsync(e => (string?)e["type"] == type, from, timeout);

    /// <summary>Waits until the server closes the connection and returns its close code.</summary>
    public async Task<WebSocketCloseStatus?> WaitForCloseAsync(TimeSpan? timeout = null)
    {
        await _reader.WaitAsync(timeout ?? TimeSpan.FromSeconds(30));
        return _socket.CloseStatus;
    }

    public async Task CloseAsync()
    {
        await _socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, "bye", CancellationToken.None);
        await WaitForCloseAsync();
    }

    public async ValueTask DisposeAsync()
    {
        _socket.Abort();
        try
        {
            await _reader;
        }
        catch (Exception ex) when (ex is WebSocketException or OperationCanceledException or IOException or ObjectDisposedException)
        {
        }

        _socket.Dispose();
    }

    private async Task ReadAsync()
    {
        var buffer = new byte[1 << 20];
        try
        {
            while (true)
            {
                int count = 0;
                WebSocketReceiveResult result;
                do
                {
                    result = await _socket.ReceiveAsync(new ArraySegment<byte>(buffer, count, buffer.Length - count), CancellationToken.None);
                    count += result.Count;
                }
                while (!result.EndOfMessage);

                if (result.MessageType == WebSocketMessageType.Close)
                {
                    if (_socket.State == WebSocketState.CloseReceived)
                    {
                        await _socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, "bye", CancellationToken.None);
                    }

                    return;
                }

                _log.Add(result.MessageType == WebSocketMessageType.Text
                    ? new Received((JsonObject)JsonNode.Parse(buffer.AsSpan(0, count))!, null)
                    : new Received(null, buffer.AsSpan(0, count).ToArray()));
            }
        }
        catch (Exception ex) when (ex is WebSocketException or OperationCanceledException or IOException or ObjectDisposedException)
        {
            // The connection ended, or DisposeAsync aborted (and so disposed) the socket under a receive in flight.
        }
        finally
        {
            Closed = true;
            _log.Wake();
        }
    }
}

/// <summary>One message from the server: a JSON event or a binary audio frame.</summary>
internal sealed record Received(JsonObject? Event, byte[]? Binary);
