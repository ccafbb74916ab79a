using System.Net.WebSockets;
using System.Text;
using System.Text.Json.Nodes;
using Voxgate.Testing;

namespace Voxgate.Server.Tests.Realtime;

/// <summary>A raw-JSON realtime client over a real WebSocket: sends events, records every server event, waits for some.</summary>
internal sealed class RealtimeWireClient : IAsyncDisposable
{
    private static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(60);

    private readonly EventLog<JsonObject> _log = new();
    private readonly Task _reader;

    private RealtimeWireClient(ClientWebSocket socket)
    {
        Socket = socket;
        _reader = Task.Run(ReadAsync);
    }

    public ClientWebSocket Socket { get; }

    public WebSocketCloseStatus? CloseStatus { get; private set; }

    public TaskCompletionSource Closed { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public IReadOnlyList<JsonObject> Events => _log.Items;

    public static async Task<RealtimeWireClient> ConnectAsync(Uri server, Action<ClientWebSocketOptions>? configure = null, string query = "?model=gpt-realtime")
    {
        var socket = new ClientWebSocket();
        socket.Options.SetRequestHeader("Authorization", "Bearer " + RealtimeServerFixture.Key);
        configure?.Invoke(socket.Options);
        await socket.ConnectAsync(new Uri($"ws://{server.Authority}/v1/realtime{query}"), CancellationToken.None);
        return new RealtimeWireClient(socket);
    }

    public static string TypeOf(JsonObject e) => (string)e["type"]!;

    private static string Describe(JsonObject e) => TypeOf(e) == "error" ? $"error({e["error"]!["code"]} for {e["error"]!["event_id"]})" : TypeOf(e);

    public Task SendAsync(JsonObject json) => SendTextAsync(json.ToJsonString());

    public Task SendTextAsync(string text) => Socket.SendAsync(Encoding.UTF8.GetBytes(text), WebSocketMessageType.Text, true, CancellationToken.None);

    /// <summary>Streams PCM16 in 20 ms appends, faster than real time.</summary>
    public async Task SendAudioAsync(byte[] pcm, int rate = 24000)
    {
        int frame = rate / 50 * 2;
        for (int offset = 0; offset < pcm.Length; offset += frame)
        {
            int n = Math.Min(frame, pcm.Length - offset);
            await SendTextAsync("{\"type\":\"input_audio_buffer.append\",\"audio\":\"" + Convert.ToBase64String(pcm, offset, n) + "\"}");
        }
    }

    public Task SendSilenceAsync(int milliseconds) => SendAudioAsync(new byte[24000 * 2 * milliseconds / 1000]);

    /// <summary>Sends silence in slices until an event matches; the engine's clock moves with the audio it is fed.</summary>
    public async Task<JsonObject> SendSilenceUntilAsync(Func<JsonObject, bool> until, int from = 0, int maxMilliseconds = 30_000)
    {
        for (int sent = 0; sent <= maxMilliseconds; sent += 100)
        {
            if (Find(until, from) is { } found)
            {
                return found;
            }

            await SendSilenceAsync(100);
            await Task.Delay(2);
        }

        return await WaitForAsync(until, from);
    }

    public JsonObject? Find(Func<JsonObject, bool> predicate, int from = 0) => _log.Find(predicate, from);

    public Task<JsonObject> WaitForAsync(Func<JsonObject, bool> predicate, int from = 0, TimeSpan? timeout = null)
        => _log.WaitForAsync(predicate, from, timeout ?? DefaultTimeout, () => string.Join(", ", Events.Select(Describe).TakeLast(60)));

    public Task<JsonObject> WaitForTypeAsync(string type, int from = 0) => WaitForAsync(e => TypeOf(e) == type, from);

    public Task<JsonObject> WaitForErrorAsync(string eventId) => WaitForAsync(e => TypeOf(e) == "error" && (string?)e["error"]!["event_id"] == eventId);

    /// <summary>All audio of a response, decoded.</summary>
    public byte[] AudioOf(string responseId, string deltaType = "response.output_audio.delta")
        => [.. Events.Where(e => TypeOf(e) == deltaType && (string?)e["response_id"] == responseId).SelectMany(e => Convert.FromBase64String((string)e["delta"]!))];

    public async ValueTask DisposeAsync()
    {
        if (Socket.State == WebSocketState.Open)
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
            try
            {
                await Socket.CloseAsync(WebSocketCloseStatus.NormalClosure, "bye", timeout.Token);
            }
            catch (Exception ex) when (ex is WebSocketException or OperationCanceledException)
            {
            }
        }

        Socket.Abort();
        try
        {
            await _reader;
        }
        catch (Exception ex) when (ex is WebSocketException or OperationCanceledException or ObjectDisposedException)
        {
        }

        Socket.Dispose();
    }

    private async Task ReadAsync()
    {
        var buffer = new byte[64 * 1024];
        var message = new MemoryStream();
        try
        {
            while (true)
            {
                WebSocketReceiveResult result = await Socket.ReceiveAsync(buffer, CancellationToken.None);
                if (result.MessageType == WebSocketMessageType.Close)
                {
                    CloseStatus = result.CloseStatus;
                    break;
                }

                message.Write(buffer, 0, result.Count);
                if (result.EndOfMessage)
                {
                    _log.Add((JsonObject)JsonNode.Parse(message.ToArray())!);
                    message.SetLength(0);
                }
            }
        }
        catch (Exception ex) when (ex is WebSocketException or ObjectDisposedException)
        {
            // The connection ended, or DisposeAsync aborted (and so disposed) the socket under a receive in flight.
        }
        finally
        {
            Closed.TrySetResult();
            _log.Wake();
        }
    }
}
