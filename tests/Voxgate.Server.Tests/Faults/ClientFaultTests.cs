using System.Net.Sockets;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json.Nodes;
using Voxgate.Server.Tests.Gateway;
using Voxgate.Server.Tests.Hosting;
using Voxgate.Server.Tests.TestSupport;

namespace Voxgate.Server.Tests.Faults;

/// <summary>What a misbehaving page does to its call: silence, vanishing, reading too slowly, flooding garbage.</summary>
public sealed class ClientFaultTests
{
    private static string TypeOf(JsonObject e) => (string)e["type"]!;

    private static Task<TestServer> StartAsync(OpenAIRealtimeStandIn standIn, params string[] more)
        => TestServer.StartAsync(["--Upstream:Kind=custom", $"--Upstream:Endpoint=http://{standIn.Address.Authority}/v1", "--Upstream:ApiKey=sk-test", .. more]);

    [Fact]
    public async Task Traffic_keeps_a_call_alive_past_the_idle_timeout_and_silence_then_ends_it_with_1008()
    {
        await using OpenAIRealtimeStandIn standIn = await OpenAIRealtimeStandIn.StartAsync();
        await using TestServer voxgate = await StartAsync(standIn, "--Gateway:IdleTimeout=00:00:03");
        await using GatewayClient page = await GatewayClient.ConnectAsync(voxgate.Address);
        await page.WaitForTypeAsync("session.ready");

        // Seven seconds of microphone frames: more than twice the idle timeout, and the call is still open. A frame every
        // 100 ms leaves a loaded machine's late timers far inside the timeout.
        for (long until = Environment.TickCount64 + 7000; Environment.TickCount64 < until;)
        {
            await page.SendSilenceAsync(20);
            await Task.Delay(100);
        }

        // Silence ends it, and not before the timeout has passed since the last frame. How soon after is a timer's
        // business, checked exactly on fake time in IdleWatchTests: a wall-clock upper bound here only measures how
        // loaded the machine is (a CI run saw 16 s).
        Assert.False(page.Closed);
        long silentFrom = Environment.TickCount64;
        JsonObject error = await page.WaitForTypeAsync("error", timeout: TimeSpan.FromSeconds(60));
        Assert.Equal(WebSocketCloseStatus.PolicyViolation, await page.WaitForCloseAsync());
        Assert.Equal("idle_timeout", (string?)error["code"]);
        Assert.True(Environment.TickCount64 - silentFrom >= 2000, "The call ended before the idle timeout had passed since the last frame.");
        await UpstreamFaultTests.AssertAllEndedAsync(voxgate, "idle_timeout");
    }

    [Fact]
    public async Task A_page_that_vanishes_without_a_close_ends_its_call_at_once()
    {
        await using OpenAIRealtimeStandIn standIn = await OpenAIRealtimeStandIn.StartAsync();
        await using TestServer voxgate = await StartAsync(standIn);
        GatewayClient page = await GatewayClient.ConnectAsync(voxgate.Address);
        await page.WaitForTypeAsync("session.ready");
        await page.SendSilenceAsync(100);

        // Abort drops the connection without a WebSocket close, as a closed laptop lid or a crash does.
        await page.DisposeAsync();
        await UpstreamFaultTests.AssertAllEndedAsync(voxgate, "client_closed");
    }

    [Fact]
    public async Task A_page_too_slow_to_read_its_audio_is_closed_with_1008_without_growing_the_queue()
    {
        await using OpenAIRealtimeStandIn standIn = await OpenAIRealtimeStandIn.StartAsync();
        await using TestServer voxgate = await StartAsync(standIn, "--Gateway:SendQueueFrames=16");

        // A page whose socket takes 4 KB at a time and which stops reading once it is in.
        using var handler = new SocketsHttpHandler
        {
            ConnectCallback = async (context, token) =>
            {
                var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { ReceiveBufferSize = 4096, NoDelay = true };
                await socket.ConnectAsync(context.DnsEndPoint, token);
                return new NetworkStream(socket, ownsSocket: true);
            },
        };
        using var invoker = new HttpMessageInvoker(handler);
        using var slow = new ClientWebSocket();
        await slow.ConnectAsync(new UriBuilder(voxgate.Address) { Scheme = "ws", Path = "/ws" }.Uri, invoker, CancellationToken.None);
        OpenAIRealtimeStandIn.Connection upstream = await standIn.WaitForConnectionAsync();
        await upstream.WaitForAsync("session.update");

        // Ten minutes of reply audio, as fast as the upstream can send it.
        byte[] speech = new byte[48 * 60_000];
        for (int minute = 0; minute < 10; minute++)
        {
            await upstream.PlayReplyAsync("…", speech, finish: false);
        }

        // Now read: what was already in flight, then the reason and the close.
        var received = new List<string>();
        var buffer = new byte[1 << 20];
        WebSocketReceiveResult result;
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        do
        {
            result = await slow.ReceiveAsync(buffer, deadline.Token);
            if (result.MessageType == WebSocketMessageType.Text)
            {
                received.Add(Encoding.UTF8.GetString(buffer, 0, result.Count));
            }
        }
        while (result.MessageType != WebSocketMessageType.Close);

        Assert.Equal(WebSocketCloseStatus.PolicyViolation, slow.CloseStatus);
        Assert.Contains(received, r => r.Contains("\"too_slow\"", StringComparison.Ordinal));
        await UpstreamFaultTests.AssertAllEndedAsync(voxgate, "too_slow");
    }

    [Fact]
    public async Task A_flood_of_garbage_is_answered_with_errors_and_the_call_and_its_neighbour_go_on()
    {
        await using OpenAIRealtimeStandIn standIn = await OpenAIRealtimeStandIn.StartAsync();
        await using TestServer voxgate = await StartAsync(standIn);
        await using GatewayClient flooder = await GatewayClient.ConnectAsync(voxgate.Address);
        await flooder.WaitForTypeAsync("session.ready");
        OpenAIRealtimeStandIn.Connection flooderUpstream = await standIn.WaitForConnectionAsync(0);
        await using GatewayClient neighbour = await GatewayClient.ConnectAsync(voxgate.Address);
        await neighbour.WaitForTypeAsync("session.ready");
        OpenAIRealtimeStandIn.Connection neighbourUpstream = await standIn.WaitForConnectionAsync(1);

        var random = new Random(7);
        for (int i = 0; i < 2000; i++)
        {
            // Odd-sized binary (not whole samples) and printable text that is not JSON (a WebSocket refuses bad UTF-8 itself).
            byte[] junk = new byte[random.Next(1, 200) | 1];
            if (i % 2 == 0)
            {
                random.NextBytes(junk);
                await flooder.SendRawAsync(junk, WebSocketMessageType.Binary);
            }
            else
            {
                await flooder.SendRawAsync([.. junk.Select(_ => (byte)random.Next('!', '~'))], WebSocketMessageType.Text);
            }
        }

        await flooder.WaitForAsync(_ => flooder.Events.Count(e => TypeOf(e) == "error") >= 2000);
        Assert.All(flooder.Events.Where(e => TypeOf(e) == "error"), e => Assert.Contains((string?)e["code"], new[] { "bad_audio", "bad_message" }));

        byte[] reply = await TestSpeech.Pcm16Async("Still listening.");
        await flooderUpstream.PlayReplyAsync("Still listening.", reply);
        await neighbourUpstream.PlayReplyAsync("Still listening.", reply);
        Assert.Equal("completed", (string?)(await flooder.WaitForTypeAsync("response.done"))["status"]);
        Assert.Equal("completed", (string?)(await neighbour.WaitForTypeAsync("response.done"))["status"]);
        Assert.Equal(reply, neighbour.Audio);
        Assert.DoesNotContain(neighbour.Events, e => TypeOf(e) == "error");
        await flooder.CloseAsync();
        await neighbour.CloseAsync();
        await UpstreamFaultTests.AssertAllEndedAsync(voxgate, "client_closed");
    }
}
