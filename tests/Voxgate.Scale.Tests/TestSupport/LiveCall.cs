using System.Net.WebSockets;
using System.Text.Json.Nodes;
using Voxgate.Server.Tests.Gateway;

namespace Voxgate.Scale.Tests.TestSupport;

/// <summary>
/// An open <c>/ws</c> call that keeps itself alive with silence (as a page's microphone does) so the gateway's idle
/// timeout never ends it, and asks typed questions. Sends are one at a time, as a WebSocket requires.
/// </summary>
internal sealed class LiveCall : IAsyncDisposable
{
    private readonly SemaphoreSlim _send = new(1, 1);
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _keepAlive;

    public LiveCall(GatewayClient client, string callId)
    {
        Client = client;
        CallId = callId;
        _keepAlive = KeepAliveAsync();
    }

    public GatewayClient Client { get; }

    public string CallId { get; }

    /// <summary>
    /// Asks <paramref name="text"/> and waits for the spoken answer to be done (a reply that only called tools is not
    /// one); returns the events from the question on.
    /// </summary>
    public async Task<IReadOnlyList<JsonObject>> AskAsync(string text, TimeSpan? timeout = null)
    {
        int from = Client.Received.Count;
        await SendAsync(() => Client.SendJsonAsync(new JsonObject { ["type"] = "text", ["text"] = text }));
        TimeSpan wait = timeout ?? TimeSpan.FromSeconds(90);
        JsonObject said = await Client.WaitForAsync(e => (string?)e["type"] == "transcript" && (string?)e["role"] == "assistant", from, wait);
        int after = Client.Received.ToList().FindIndex(from, r => ReferenceEquals(r.Event, said));
        await Client.WaitForAsync(e => (string?)e["type"] == "response.done", after, wait);
        return [.. Client.Received.Skip(from).Where(r => r.Event is not null).Select(r => r.Event!)];
    }

    /// <summary>Says, as the page does, that the replies among <paramref name="events"/> were heard to their end.</summary>
    public async Task HeardAsync(IReadOnlyList<JsonObject> events)
    {
        string? item = null;
        foreach (JsonObject e in events)
        {
            if ((string?)e["type"] == "audio.started")
            {
                item = (string?)e["item_id"];
            }
            else if ((string?)e["type"] == "response.done" && item is not null && (long?)e["audio_ms"] is > 0 and long played)
            {
                await SendAsync(() => Client.SendJsonAsync(new JsonObject { ["type"] = "playback", ["item_id"] = item, ["played_ms"] = played }));
                item = null;
            }
        }
    }

    /// <summary>Hangs up as a page does, and returns the close code the server answered with.</summary>
    public async Task<WebSocketCloseStatus?> HangUpAsync()
    {
        await _stop.CancelAsync();
        await _keepAlive;
        await Client.CloseAsync();
        return Client.CloseStatus;
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _keepAlive;
        await Client.DisposeAsync();
        _send.Dispose();
        _stop.Dispose();
    }

    private async Task SendAsync(Func<Task> send)
    {
        await _send.WaitAsync();
        try
        {
            await send();
        }
        finally
        {
            _send.Release();
        }
    }

    private async Task KeepAliveAsync()
    {
        try
        {
            while (!_stop.IsCancellationRequested && !Client.Closed)
            {
                await SendAsync(() => Client.SendSilenceAsync(100));
                await Task.Delay(250, _stop.Token);
            }
        }
        catch (Exception ex) when (ex is OperationCanceledException or WebSocketException or ObjectDisposedException or IOException)
        {
            // Stopped, or the connection is gone: the test looks at which.
        }
    }
}
