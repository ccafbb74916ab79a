using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Net.WebSockets;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Voxgate.Calls.Recording;
using Voxgate.Server.Gateway;
using Voxgate.Server.Tests.Gateway;
using Voxgate.Server.Tests.Hosting;
using Voxgate.Server.Tests.TestSupport;

namespace Voxgate.Server.Tests.Faults;

/// <summary>
/// What a broken upstream does to a call: refused, hanging, closing mid-reply, malformed, oversized, slow. Each call
/// ends (or goes on) with words a person understands, its record finished, no session left open, others untouched.
/// </summary>
public sealed class UpstreamFaultTests
{
    private static string TypeOf(JsonObject e) => (string)e["type"]!;

    [Fact]
    public async Task An_upstream_that_refuses_the_connection_closes_the_call_with_1011_and_says_so()
    {
        int closedPort = FreePort();
        await using TestServer voxgate = await TestServer.StartAsync("--Upstream:Kind=custom", $"--Upstream:Endpoint=http://127.0.0.1:{closedPort}/v1");
        await using GatewayClient page = await GatewayClient.ConnectAsync(voxgate.Address);

        JsonObject error = await page.WaitForTypeAsync("error");
        Assert.Equal(WebSocketCloseStatus.InternalServerError, await page.WaitForCloseAsync());
        Assert.Equal("upstream_error", (string?)error["code"]);
        Assert.StartsWith("The voice model is unavailable: Could not open a realtime session at", (string?)error["message"], StringComparison.Ordinal);
        await AssertAllEndedAsync(voxgate, "upstream_unavailable");
    }

    [Fact]
    public async Task An_upstream_that_hangs_on_connect_times_out_and_the_call_ends_with_1011()
    {
        // Accepts the TCP connection and never answers the upgrade.
        using var silent = new TcpListener(IPAddress.Loopback, 0);
        silent.Start();
        var held = new List<Socket>();
        Task accepting = Task.Run(async () =>
        {
            while (true)
            {
                held.Add(await silent.AcceptSocketAsync());
            }
        });

        await using TestServer voxgate = await TestServer.StartAsync("--Upstream:Kind=custom", $"--Upstream:Endpoint=http://127.0.0.1:{((IPEndPoint)silent.LocalEndpoint).Port}/v1", "--Upstream:ConnectTimeout=00:00:01");
        long started = Environment.TickCount64;
        await using GatewayClient page = await GatewayClient.ConnectAsync(voxgate.Address);
        JsonObject error = await page.WaitForTypeAsync("error");
        Assert.Equal(WebSocketCloseStatus.InternalServerError, await page.WaitForCloseAsync());

        Assert.Equal("The voice model is unavailable: The realtime service did not answer within 1 s.", (string?)error["message"]);
        Assert.True(Environment.TickCount64 - started >= 900, "The call gave up before the connect timeout.");
        await AssertAllEndedAsync(voxgate, "upstream_unavailable");
        silent.Stop();
        held.ForEach(s => s.Dispose());
    }

    [Fact]
    public async Task An_upstream_closing_in_the_middle_of_a_reply_ends_that_call_only()
    {
        await using OpenAIRealtimeStandIn standIn = await OpenAIRealtimeStandIn.StartAsync();
        await using TestServer voxgate = await StartAsync(standIn);
        await using GatewayClient first = await GatewayClient.ConnectAsync(voxgate.Address);
        await first.WaitForTypeAsync("session.ready");
        OpenAIRealtimeStandIn.Connection firstUpstream = await standIn.WaitForConnectionAsync(0);
        await using GatewayClient second = await GatewayClient.ConnectAsync(voxgate.Address);
        await second.WaitForTypeAsync("session.ready");
        OpenAIRealtimeStandIn.Connection secondUpstream = await standIn.WaitForConnectionAsync(1);

        byte[] reply = await TestSpeech.Pcm16Async("We are open from nine to five on weekdays.");
        await firstUpstream.PlayReplyAsync("We are open from nine to five on weekdays.", reply, finish: false);
        await first.WaitForTypeAsync("audio.started");
        await firstUpstream.CloseAsync();

        JsonObject error = await first.WaitForTypeAsync("error");
        Assert.Equal(WebSocketCloseStatus.InternalServerError, await first.WaitForCloseAsync());
        Assert.Equal("upstream_closed", (string?)error["code"]);

        // The other call goes on as if nothing happened.
        await secondUpstream.PlayReplyAsync("Still here.", reply);
        JsonObject done = await second.WaitForTypeAsync("response.done");
        Assert.Equal("completed", (string?)done["status"]);
        await second.CloseAsync();
        await AssertAllEndedAsync(voxgate, "upstream_closed", "client_closed");
    }

    [Fact]
    public async Task Malformed_and_unknown_upstream_events_are_skipped_and_the_call_goes_on()
    {
        await using OpenAIRealtimeStandIn standIn = await OpenAIRealtimeStandIn.StartAsync();
        await using TestServer voxgate = await StartAsync(standIn);
        await using GatewayClient page = await GatewayClient.ConnectAsync(voxgate.Address);
        await page.WaitForTypeAsync("session.ready");
        OpenAIRealtimeStandIn.Connection upstream = await standIn.WaitForConnectionAsync();

        await upstream.SendRawAsync("not json at all");
        await upstream.SendRawAsync("[1,2,3]");
        await upstream.SendRawAsync("""{"type":"response.output_audio.delta","delta":"%%%not base64%%%","item_id":"x","response_id":"y"}""");
        await upstream.SendRawAsync("""{"type":"mcp_list_tools.in_progress","item_id":"mcp_1"}""");
        await upstream.SendRawAsync("""{"type":"something.new.from.openai","whatever":[{"deep":true}]}""");
        byte[] reply = await TestSpeech.Pcm16Async("Hello there.");
        await upstream.PlayReplyAsync("Hello there.", reply);

        JsonObject done = await page.WaitForTypeAsync("response.done");
        Assert.Equal("completed", (string?)done["status"]);
        Assert.Equal(reply, page.Audio);
        Assert.DoesNotContain(page.Events, e => TypeOf(e) == "error" && (string?)e["code"] != "upstream_error");
        await page.CloseAsync();
        await AssertAllEndedAsync(voxgate, "client_closed");
    }

    [Fact]
    public async Task A_10_MB_event_from_the_upstream_ends_each_call_it_reaches_with_1011()
    {
        await using OpenAIRealtimeStandIn standIn = await OpenAIRealtimeStandIn.StartAsync();
        await using TestServer voxgate = await StartAsync(standIn);
        string huge = """{"type":"response.output_audio_transcript.delta","delta":" """ + new string('x', 10 * 1024 * 1024) + "\"}";
        for (int call = 0; call < 3; call++)
        {
            await using GatewayClient page = await GatewayClient.ConnectAsync(voxgate.Address);
            await page.WaitForTypeAsync("session.ready");
            OpenAIRealtimeStandIn.Connection upstream = await standIn.WaitForConnectionAsync(call);
            await upstream.SendRawAsync(huge);

            JsonObject error = await page.WaitForTypeAsync("error");
            Assert.Equal(WebSocketCloseStatus.InternalServerError, await page.WaitForCloseAsync());
            Assert.Equal("upstream_error", (string?)error["code"]);
            Assert.Contains("sent an event of over", (string?)error["message"], StringComparison.Ordinal);
        }

        // (Memory over many calls is the churn soak's to show: `make soak`, docs/benchmarks.md.)
        await AssertAllEndedAsync(voxgate, "upstream_error");
    }

    [Fact]
    public async Task A_slow_upstream_is_waited_for_within_the_connect_timeout()
    {
        await using OpenAIRealtimeStandIn standIn = await OpenAIRealtimeStandIn.StartAsync();
        standIn.SessionUpdateDelay = TimeSpan.FromSeconds(2);
        await using TestServer voxgate = await StartAsync(standIn);
        await using GatewayClient page = await GatewayClient.ConnectAsync(voxgate.Address);
        JsonObject ready = await page.WaitForTypeAsync("session.ready");
        Assert.Equal("custom", (string?)ready["upstream"]);
        Assert.DoesNotContain(page.Events, e => TypeOf(e) == "error");
        await page.CloseAsync();
        await AssertAllEndedAsync(voxgate, "client_closed");
    }

    private static Task<TestServer> StartAsync(OpenAIRealtimeStandIn standIn)
        => TestServer.StartAsync("--Upstream:Kind=custom", $"--Upstream:Endpoint=http://{standIn.Address.Authority}/v1", "--Upstream:ApiKey=sk-test");

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>No session is left open, and every call's record is finished with one of <paramref name="reasons"/>.</summary>
    internal static async Task AssertAllEndedAsync(TestServer server, params string[] reasons)
    {
        var admission = server.Services.GetRequiredService<GatewayAdmission>();
        var recorder = server.Services.GetRequiredService<CallRecorder>();
        JsonElement[] calls = [];
        for (DateTime deadline = DateTime.UtcNow.AddSeconds(30); DateTime.UtcNow < deadline; await Task.Delay(100))
        {
            calls = [.. (await server.Http.GetFromJsonAsync<JsonElement>("/api/calls")).GetProperty("items").EnumerateArray()];
            if (admission.OpenSessions == 0 && recorder.OpenCalls == 0 && calls.Length > 0 && calls.All(c => c.GetProperty("endReason").ValueKind == JsonValueKind.String))
            {
                break;
            }
        }

        Assert.Equal(0, admission.OpenSessions);
        Assert.Equal(0, recorder.OpenCalls);
        Assert.NotEmpty(calls);
        Assert.All(calls, c => Assert.Contains(c.GetProperty("endReason").GetString(), reasons));
    }
}
