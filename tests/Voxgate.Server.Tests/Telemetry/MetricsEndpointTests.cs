using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.WebSockets;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Voxgate.Server.Tests.Gateway;
using Voxgate.Server.Tests.Hosting;
using Voxgate.Server.Tests.Realtime;

namespace Voxgate.Server.Tests.Telemetry;

/// <summary>What <c>/metrics</c>, <c>/healthz</c> and <c>/livez</c> say about real calls on a real host, and who may ask.</summary>
public sealed partial class MetricsEndpointTests
{
    [Fact]
    public async Task A_browser_call_is_counted_open_then_closed_with_its_frames_turn_latency_and_close_code()
    {
        await using var server = await TestServer.StartAsync();
        await using GatewayClient caller = await GatewayClient.ConnectAsync(server.Address);
        JsonObject ready = await caller.WaitForTypeAsync("session.ready");
        Assert.Equal(1, Value(await ScrapeAsync(server), "voxgate_sessions_open", "endpoint=\"/ws\"", "transport=\"browser\"", "upstream=\"local\""));

        // A typed question (no speech recognition needed), the reply's audio, and the page's report that it was heard.
        await caller.SendSilenceAsync(200);
        await caller.SendJsonAsync(new JsonObject { ["type"] = "text", ["text"] = "what are your opening hours" });
        JsonObject started = await caller.WaitForTypeAsync("audio.started");
        await caller.SendJsonAsync(new JsonObject { ["type"] = "playback", ["item_id"] = (string?)started["item_id"], ["played_ms"] = 120 });
        await caller.WaitForTypeAsync("response.done");
        await caller.CloseAsync();

        string metrics = await EventuallyAsync(server, m => Value(m, "voxgate_sessions_closed_total", "close_code=\"1000\"", "reason=\"client_closed\"") == 1);
        Assert.Equal(0, Value(metrics, "voxgate_sessions_open", "endpoint=\"/ws\""));
        Assert.True(Value(metrics, "voxgate_frames_total", "endpoint=\"/ws\"", "direction=\"in\"") >= 10, metrics);
        Assert.True(Value(metrics, "voxgate_frames_total", "endpoint=\"/ws\"", "direction=\"out\"") >= 1);
        Assert.Equal(960 * Value(metrics, "voxgate_frames_total", "endpoint=\"/ws\"", "direction=\"in\""), Value(metrics, "voxgate_bytes_total", "endpoint=\"/ws\"", "direction=\"in\""));
        Assert.Equal(1, Value(metrics, "voxgate_turn_latency_milliseconds_count", "stage=\"sent\""));
        Assert.Equal(1, Value(metrics, "voxgate_turn_latency_milliseconds_count", "stage=\"heard\""));
        Assert.True(Value(metrics, "voxgate_turn_latency_milliseconds_sum", "stage=\"heard\"") >= Value(metrics, "voxgate_turn_latency_milliseconds_sum", "stage=\"sent\""));
        Assert.True(Value(metrics, "voxgate_relay_latency_milliseconds_count", "direction=\"in\"") >= 1);

        // One TYPE line per family, though two meters (the relay's and /v1/realtime's) report into it.
        Assert.Single(TypeLine().Matches(metrics), m => m.Groups[1].Value == "voxgate_sessions_open");
        Assert.Contains("gen_ai_client_operation_duration_seconds", metrics, StringComparison.Ordinal);
        Assert.NotNull(ready["session_id"]);
    }

    [Fact]
    public async Task A_turn_whose_reply_first_calls_tools_has_its_latency_to_the_spoken_answer()
    {
        await using var server = await TestServer.StartAsync();
        await using GatewayClient caller = await GatewayClient.ConnectAsync(server.Address);
        await caller.WaitForTypeAsync("session.ready");
        await caller.SendSilenceAsync(200);
        DateOnly day = DateOnly.FromDateTime(DateTime.UtcNow).AddDays(2);
        while (day.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday)
        {
            day = day.AddDays(1);
        }

        await caller.SendJsonAsync(new JsonObject { ["type"] = "text", ["text"] = $"i'd like to book an appointment on {day.DayOfWeek.ToString().ToLowerInvariant()} at 10 am my name is sam lee" });
        // The receptionist checks the slot, then asks before it books: two turns, each answered after a tool call.
        await caller.WaitForAsync(e => (string?)e["type"] == "tool" && (string?)e["name"] == "check_availability" && (string?)e["status"] == "completed");
        JsonObject question = await caller.WaitForAsync(e => (string?)e["type"] == "transcript" && (string?)e["role"] == "assistant");
        JsonObject spoken = await caller.WaitForAsync(e => (string?)e["type"] == "response.done" && (int?)e["audio_ms"] > 0);

        // The page says the question was heard to its end, so the answer does not cut it off.
        await caller.SendJsonAsync(new JsonObject { ["type"] = "playback", ["item_id"] = (string?)question["item_id"], ["played_ms"] = (int)spoken["audio_ms"]! });
        int asked = caller.Received.Count;
        await caller.SendJsonAsync(new JsonObject { ["type"] = "text", ["text"] = "yes please" });
        await caller.WaitForAsync(e => (string?)e["type"] == "tool" && (string?)e["name"] == "book_appointment" && (string?)e["status"] == "completed", asked);
        await caller.WaitForAsync(e => (string?)e["type"] == "transcript" && (string?)e["role"] == "assistant", asked);
        await caller.CloseAsync();

        string metrics = await EventuallyAsync(server, m => Value(m, "voxgate_sessions_closed_total", "endpoint=\"/ws\"") == 1);
        Assert.Equal(2, Value(metrics, "voxgate_turn_latency_milliseconds_count", "stage=\"sent\""));
    }

    [Fact]
    public async Task A_realtime_api_session_is_counted_under_its_own_endpoint_in_the_same_families()
    {
        await using var server = await TestServer.StartAsync();
        await using (RealtimeWireClient client = await RealtimeWireClient.ConnectAsync(new Uri(server.Address, "/v1")))
        {
            await client.WaitForTypeAsync("session.created");
            Assert.Equal(1, Value(await ScrapeAsync(server), "voxgate_sessions_open", "endpoint=\"/v1/realtime\"", "transport=\"realtime-ga\"", "upstream=\"local\""));
            await client.SendAsync(new JsonObject { ["type"] = "no.such.event" });
            await client.WaitForTypeAsync("error");
            await client.Socket.CloseAsync(WebSocketCloseStatus.NormalClosure, "bye", CancellationToken.None);
        }

        string metrics = await EventuallyAsync(server, m => Value(m, "voxgate_sessions_closed_total", "endpoint=\"/v1/realtime\"") == 1);
        Assert.Equal(0, Value(metrics, "voxgate_sessions_open", "endpoint=\"/v1/realtime\""));
        Assert.Equal(1, Value(metrics, "voxgate_frames_total", "endpoint=\"/v1/realtime\"", "direction=\"in\""));
        Assert.True(Value(metrics, "voxgate_frames_total", "endpoint=\"/v1/realtime\"", "direction=\"out\"") >= 2);
        Assert.Equal(1, Value(metrics, "voxgate_sessions_closed_total", "endpoint=\"/v1/realtime\"", "reason=\"client_closed\"", "close_code=\"1000\""));
    }

    [Fact]
    public async Task Metrics_answer_like_the_calls_api_this_machine_without_tokens_and_a_bearer_with_them()
    {
        await using (var open = await TestServer.StartAsync())
        {
            using var forwarded = new HttpRequestMessage(HttpMethod.Get, "/metrics");
            forwarded.Headers.Add("X-Forwarded-For", "203.0.113.7");
            Assert.Equal(HttpStatusCode.Forbidden, (await open.Http.SendAsync(forwarded)).StatusCode);
            Assert.Equal(HttpStatusCode.OK, (await open.Http.GetAsync(new Uri("/metrics", UriKind.Relative))).StatusCode);
        }

        await using var guarded = await TestServer.StartAsync("--Dashboard:AdminTokens:0=scrape-me");
        Assert.Equal(HttpStatusCode.Unauthorized, (await guarded.Http.GetAsync(new Uri("/metrics", UriKind.Relative))).StatusCode);
        using var scrape = new HttpRequestMessage(HttpMethod.Get, "/metrics");
        scrape.Headers.Authorization = new AuthenticationHeaderValue("Bearer", "scrape-me");
        using HttpResponseMessage answer = await guarded.Http.SendAsync(scrape);
        Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
        Assert.Contains("voxgate_store_queue_depth", await answer.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Each_call_is_a_trace_with_a_span_per_turn()
    {
        var spans = new List<Activity>();
        using var listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == "Voxgate.Server",
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = activity => { lock (spans) { spans.Add(activity); } },
        };
        ActivitySource.AddActivityListener(listener);

        await using var server = await TestServer.StartAsync();
        await using GatewayClient caller = await GatewayClient.ConnectAsync(server.Address);
        string callId = (string)(await caller.WaitForTypeAsync("session.ready"))["session_id"]!;
        await caller.SendSilenceAsync(200);
        await caller.SendJsonAsync(new JsonObject { ["type"] = "text", ["text"] = "what time is it" });
        await caller.WaitForTypeAsync("response.done");
        await caller.CloseAsync();

        Activity call = await EventuallyAsync(() => { lock (spans) { return spans.FirstOrDefault(s => s.OperationName == "voxgate.call" && (string?)s.GetTagItem("voxgate.call.id") == callId); } });
        Activity turn;
        lock (spans)
        {
            turn = Assert.Single(spans, s => s.OperationName == "voxgate.turn" && s.ParentSpanId == call.SpanId);
        }

        Assert.Equal(call.TraceId, turn.TraceId);
        Assert.Equal("completed", turn.GetTagItem("voxgate.response.status"));
        Assert.NotNull(turn.GetTagItem("voxgate.latency.sent_ms"));
        Assert.Equal("client_closed", call.GetTagItem("voxgate.end_reason"));
        Assert.Equal(1000, call.GetTagItem("voxgate.close_code"));
    }

    [Fact]
    public async Task Livez_asks_nothing_and_healthz_names_the_store_and_an_unreachable_upstream_as_degraded()
    {
        // Port 1 on loopback: nothing listens, so the connection is refused at once.
        await using var server = await TestServer.StartAsync("--Upstream:Kind=custom", "--Upstream:Endpoint=http://127.0.0.1:1/v1");
        using HttpResponseMessage live = await server.Http.GetAsync(new Uri("/livez", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, live.StatusCode);
        Assert.Empty(JsonNode.Parse(await live.Content.ReadAsStringAsync())!["checks"]!.AsObject());

        using HttpResponseMessage ready = await server.Http.GetAsync(new Uri("/healthz", UriKind.Relative));
        JsonNode health = JsonNode.Parse(await ready.Content.ReadAsStringAsync())!;
        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
        Assert.Equal("degraded", (string?)health["status"]);
        Assert.Equal("healthy", (string?)health["checks"]!["store"]!["status"]);
        Assert.Equal("healthy", (string?)health["checks"]!["drain"]!["status"]);
        Assert.Equal("degraded", (string?)health["checks"]!["upstream"]!["status"]);
        Assert.Contains("127.0.0.1:1 is unreachable", (string?)health["checks"]!["upstream"]!["description"], StringComparison.Ordinal);
    }

    private static async Task<string> ScrapeAsync(TestServer server) => await server.Http.GetStringAsync(new Uri("/metrics", UriKind.Relative));

    private static async Task<string> EventuallyAsync(TestServer server, Func<string, bool> condition)
    {
        string metrics = await ScrapeAsync(server);
        for (DateTime deadline = DateTime.UtcNow.AddSeconds(15); !condition(metrics) && DateTime.UtcNow < deadline; metrics = await ScrapeAsync(server))
        {
            await Task.Delay(100);
        }

        Assert.True(condition(metrics), metrics);
        return metrics;
    }

    private static async Task<T> EventuallyAsync<T>(Func<T?> find)
        where T : class
    {
        for (DateTime deadline = DateTime.UtcNow.AddSeconds(15); ; await Task.Delay(50))
        {
            if (find() is { } found)
            {
                return found;
            }

            Assert.True(DateTime.UtcNow < deadline, "timed out");
        }
    }

    /// <summary>The sum of a family's samples whose labels include every one of <paramref name="labels"/> (0 when none).</summary>
    internal static double Value(string metrics, string name, params string[] labels)
        => metrics.Split('\n')
            .Where(line => line.StartsWith(name + "{", StringComparison.Ordinal) || line.StartsWith(name + " ", StringComparison.Ordinal))
            .Where(line => labels.All(label => line.Contains(label, StringComparison.Ordinal)))
            .Sum(line => double.Parse(line[(line.LastIndexOf(' ') + 1)..], CultureInfo.InvariantCulture));

    [GeneratedRegex(@"^# TYPE (\S+) ", RegexOptions.Multiline)]
    private static partial Regex TypeLine();
}
