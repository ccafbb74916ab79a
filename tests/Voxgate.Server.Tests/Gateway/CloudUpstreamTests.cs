using System.Net.WebSockets;
using System.Text.Json.Nodes;
using Voxgate.Server.Tests.Hosting;
using Voxgate.Server.Tests.TestSupport;

namespace Voxgate.Server.Tests.Gateway;

/// <summary>
/// Browser calls through <c>/ws</c> to a cloud upstream: a stand-in written from OpenAI's GA reference checks every field
/// Voxgate sends and plays GA events back.
/// </summary>
public sealed class CloudUpstreamTests
{
    private static string TypeOf(JsonObject e) => (string)e["type"]!;

    private static Task<TestServer> StartVoxgateAsync(OpenAIRealtimeStandIn standIn, params string[] more)
        => TestServer.StartAsync(["--Upstream:Kind=custom", $"--Upstream:Endpoint=http://{standIn.Address.Authority}/v1", "--Upstream:ApiKey=sk-test-key", .. more]);

    [Fact]
    public async Task The_tutorials_session_settings_reach_the_cloud_in_GA_shape_and_session_ready_reports_what_it_uses()
    {
        await using OpenAIRealtimeStandIn standIn = await OpenAIRealtimeStandIn.StartAsync();
        await using TestServer voxgate = await StartVoxgateAsync(standIn, "--Gateway:Voice=marin", "--Gateway:Instructions=Be brief.");
        await using GatewayClient page = await GatewayClient.ConnectAsync(voxgate.Address);
        JsonObject ready = await page.WaitForTypeAsync("session.ready");

        OpenAIRealtimeStandIn.Connection upstream = await standIn.WaitForConnectionAsync();
        Assert.Equal("/v1/realtime", upstream.Path);
        Assert.Equal("?model=gpt-realtime", upstream.Query);
        Assert.Equal("Bearer sk-test-key", upstream.Authorization);

        JsonObject update = await upstream.WaitForAsync("session.update");
        JsonNode session = update["session"]!;
        Assert.Equal("realtime", (string?)session["type"]);
        Assert.Equal("Be brief.", (string?)session["instructions"]);
        Assert.Equal(["audio"], session["output_modalities"]!.AsArray().Select(m => (string)m!));
        JsonNode input = session["audio"]!["input"]!;
        Assert.Equal("audio/pcm", (string?)input["format"]!["type"]);
        Assert.Equal(24000, (int)input["format"]!["rate"]!);
        Assert.Equal("whisper-1", (string?)input["transcription"]!["model"]);
        JsonNode turn = input["turn_detection"]!;
        Assert.Equal("server_vad", (string?)turn["type"]);
        Assert.Equal(0.55, (double)turn["threshold"]!);
        Assert.Equal(300, (int)turn["prefix_padding_ms"]!);
        Assert.Equal(500, (int)turn["silence_duration_ms"]!);
        Assert.True((bool)turn["create_response"]!);
        Assert.True((bool)turn["interrupt_response"]!);
        Assert.Equal("audio/pcm", (string?)session["audio"]!["output"]!["format"]!["type"]);
        Assert.Equal("marin", (string?)session["audio"]!["output"]!["voice"]);

        // The stand-in refuses unknown fields as OpenAI does: it answered with session.updated, not an error.
        Assert.DoesNotContain(upstream.Sent, e => TypeOf(e) == "error");
        Assert.Contains(upstream.Sent, e => TypeOf(e) == "session.updated");
        Assert.Equal("marin", (string?)ready["voice"]);
        Assert.Equal("gpt-realtime", (string?)ready["model"]);
        Assert.Equal("custom", (string?)ready["upstream"]);
    }

    [Fact]
    public async Task A_cloud_turn_reaches_the_page_as_captions_audio_and_latency_and_the_callers_audio_reaches_the_cloud()
    {
        await using OpenAIRealtimeStandIn standIn = await OpenAIRealtimeStandIn.StartAsync();
        await using TestServer voxgate = await StartVoxgateAsync(standIn);
        await using GatewayClient page = await GatewayClient.ConnectAsync(voxgate.Address);
        await page.WaitForTypeAsync("session.ready");
        OpenAIRealtimeStandIn.Connection upstream = await standIn.WaitForConnectionAsync();

        byte[] question = await TestSpeech.Pcm16Async("what are your opening hours");
        await page.SendAudioAsync(question);
        await WaitUntilAsync(() => upstream.AppendedBytes == question.Length);

        byte[] reply = await TestSpeech.Pcm16Async("We are open from nine to five.");
        await upstream.PlayUserTurnAsync("what are your opening hours");
        (string responseId, string itemId) = await upstream.PlayReplyAsync("We are open from nine to five.", reply);
        JsonObject done = await page.WaitForTypeAsync("response.done");

        Assert.Equal(responseId, (string?)done["response_id"]);
        Assert.Equal("completed", (string?)done["status"]);
        Assert.True((long)done["latency_ms"]! >= 0);
        Assert.Equal(reply.Length / 48, (long)done["audio_ms"]!);
        Assert.Equal(reply, page.Audio);
        Assert.Equal(itemId, (string?)page.Find(e => TypeOf(e) == "audio.started")!["item_id"]);
        Assert.Equal("what are your opening hours", (string?)page.Find(e => TypeOf(e) == "transcript" && (string?)e["role"] == "user")!["text"]);
        Assert.Equal("what are your opening hours", (string?)page.Find(e => TypeOf(e) == "transcript.partial")!["text"]);
        Assert.Equal("We are open from nine to five.", (string?)page.Find(e => TypeOf(e) == "transcript.delta")!["delta"]);
        Assert.Equal("We are open from nine to five.", (string?)page.Find(e => TypeOf(e) == "transcript" && (string?)e["role"] == "assistant")!["text"]);
        Assert.NotNull(page.Find(e => TypeOf(e) == "speech.started"));
        Assert.NotNull(page.Find(e => TypeOf(e) == "speech.stopped"));
        Assert.DoesNotContain(page.Events, e => TypeOf(e) == "error");
    }

    [Fact]
    public async Task Barge_in_over_a_cloud_reply_truncates_it_upstream_at_the_milliseconds_the_page_played()
    {
        await using OpenAIRealtimeStandIn standIn = await OpenAIRealtimeStandIn.StartAsync();
        await using TestServer voxgate = await StartVoxgateAsync(standIn);
        await using GatewayClient page = await GatewayClient.ConnectAsync(voxgate.Address);
        await page.WaitForTypeAsync("session.ready");
        OpenAIRealtimeStandIn.Connection upstream = await standIn.WaitForConnectionAsync();

        byte[] reply = await TestSpeech.Pcm16Async("Our opening hours are nine in the morning to five in the evening, Monday to Friday, and ten to two on Saturdays.");
        (_, string itemId) = await upstream.PlayReplyAsync("Our opening hours are…", reply, finish: false);
        await page.WaitForAsync(e => TypeOf(e) == "audio.started");
        await WaitUntilAsync(() => page.Audio.Length == reply.Length);
        await page.SendJsonAsync(new JsonObject { ["type"] = "playback", ["item_id"] = itemId, ["played_ms"] = 420 });

        // Page messages are handled in order: once this one is answered, the report before it has been taken.
        await page.SendJsonAsync(new JsonObject { ["type"] = "ping" });
        await page.WaitForAsync(e => TypeOf(e) == "error" && (string?)e["code"] == "bad_message");

        // OpenAI's server VAD hears the caller and, with interrupt_response, cancels the reply itself.
        int mark = upstream.Received.Count;
        await upstream.SpeechStartedAsync();
        JsonObject truncate = await upstream.WaitForAsync("conversation.item.truncate", mark);
        await upstream.FinishResponseAsync("cancelled", "turn_detected");

        Assert.Equal(itemId, (string?)truncate["item_id"]);
        Assert.Equal(0, (int)truncate["content_index"]!);
        Assert.Equal(420, (int)truncate["audio_end_ms"]!);
        Assert.DoesNotContain(upstream.Received.Skip(mark), e => TypeOf(e) == "response.cancel");
        JsonObject interrupted = await page.WaitForTypeAsync("interrupted");
        Assert.Equal(420, (int)interrupted["played_ms"]!);
        JsonObject done = await page.WaitForTypeAsync("response.done");
        Assert.Equal("cancelled", (string?)done["status"]);
        Assert.Equal("turn_detected", (string?)done["reason"]);
        await WaitUntilAsync(() => upstream.Sent.Any(e => TypeOf(e) == "conversation.item.truncated"));
        Assert.DoesNotContain(page.Events, e => TypeOf(e) == "error" && (string?)e["code"] != "bad_message");
    }

    [Fact]
    public async Task Typed_text_becomes_a_GA_user_message_and_a_response_request()
    {
        await using OpenAIRealtimeStandIn standIn = await OpenAIRealtimeStandIn.StartAsync();
        await using TestServer voxgate = await StartVoxgateAsync(standIn);
        await using GatewayClient page = await GatewayClient.ConnectAsync(voxgate.Address);
        await page.WaitForTypeAsync("session.ready");
        OpenAIRealtimeStandIn.Connection upstream = await standIn.WaitForConnectionAsync();

        await page.SendJsonAsync(new JsonObject { ["type"] = "text", ["text"] = "Are you open on Sunday?" });
        JsonObject create = await upstream.WaitForAsync("conversation.item.create");
        await upstream.WaitForAsync("response.create");

        JsonNode item = create["item"]!;
        Assert.Equal("message", (string?)item["type"]);
        Assert.Equal("user", (string?)item["role"]);
        Assert.Equal("input_text", (string?)item["content"]![0]!["type"]);
        Assert.Equal("Are you open on Sunday?", (string?)item["content"]![0]!["text"]);
    }

    [Fact]
    public async Task A_cloud_models_tool_call_runs_Voxgates_appointment_tool_and_the_result_goes_back_in_GA_shape()
    {
        await using OpenAIRealtimeStandIn standIn = await OpenAIRealtimeStandIn.StartAsync();
        await using TestServer voxgate = await StartVoxgateAsync(standIn);
        await using GatewayClient page = await GatewayClient.ConnectAsync(voxgate.Address);
        await page.WaitForTypeAsync("session.ready");
        OpenAIRealtimeStandIn.Connection upstream = await standIn.WaitForConnectionAsync();

        // The tools were declared to the model in the session update, in GA's function shape.
        JsonArray tools = (await upstream.WaitForAsync("session.update"))["session"]!["tools"]!.AsArray();
        Assert.Equal(["book_appointment", "cancel_appointment", "check_availability", "find_booking", "reschedule_appointment"], tools.Select(t => (string)t!["name"]!).Order());
        Assert.All(tools, t => Assert.Equal("function", (string?)t!["type"]));
        Assert.Equal("object", (string?)tools.First(t => (string?)t!["name"] == "book_appointment")!["parameters"]!["type"]);

        string friday = NextFriday();
        string callId = await upstream.PlayToolCallAsync("check_availability", "{\"date\":\"" + friday + "\",\"time\":\"10:30\"}");
        JsonObject output = await upstream.WaitForAsync("conversation.item.create");
        await upstream.WaitForAsync("response.create");

        JsonNode item = output["item"]!;
        Assert.Equal("function_call_output", (string?)item["type"]);
        Assert.Equal(callId, (string?)item["call_id"]);
        JsonNode result = JsonNode.Parse((string)item["output"]!)!;
        Assert.True((bool)result["available"]!);
        Assert.Equal(friday, (string?)result["date"]);
        JsonObject tool = await page.WaitForAsync(e => TypeOf(e) == "tool" && (string?)e["status"] == "completed");
        Assert.Equal("check_availability", (string?)tool["name"]);
    }

    private static string NextFriday()
    {
        DateTime day = DateTime.UtcNow.Date.AddDays(1);
        while (day.DayOfWeek != DayOfWeek.Friday)
        {
            day = day.AddDays(1);
        }

        return day.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
    }

    [Fact]
    public async Task Upstream_Voice_is_the_voice_every_session_starts_with_when_the_gateway_names_none()
    {
        await using OpenAIRealtimeStandIn standIn = await OpenAIRealtimeStandIn.StartAsync();
        await using TestServer voxgate = await StartVoxgateAsync(standIn, "--Upstream:Voice=cedar");
        await using GatewayClient page = await GatewayClient.ConnectAsync(voxgate.Address);
        JsonObject ready = await page.WaitForTypeAsync("session.ready");
        OpenAIRealtimeStandIn.Connection upstream = await standIn.WaitForConnectionAsync();

        Assert.Equal("cedar", (string?)(await upstream.WaitForAsync("session.update"))["session"]!["audio"]!["output"]!["voice"]);
        Assert.Equal("cedar", (string?)ready["voice"]);
    }

    [Fact]
    public async Task Azure_sessions_use_the_GA_path_with_the_deployment_and_an_api_key_header()
    {
        await using OpenAIRealtimeStandIn standIn = await OpenAIRealtimeStandIn.StartAsync();
        await using TestServer voxgate = await TestServer.StartAsync("--Upstream:Kind=azure", $"--Upstream:Endpoint=http://{standIn.Address.Authority}", "--Upstream:Deployment=my-realtime", "--Upstream:ApiKey=azure-key");
        await using GatewayClient page = await GatewayClient.ConnectAsync(voxgate.Address);
        JsonObject ready = await page.WaitForTypeAsync("session.ready");

        OpenAIRealtimeStandIn.Connection upstream = await standIn.WaitForConnectionAsync();
        Assert.Equal("/openai/v1/realtime", upstream.Path);
        Assert.Equal("?model=my-realtime", upstream.Query);
        Assert.Equal("azure-key", upstream.ApiKey);
        Assert.Empty(upstream.Authorization);
        Assert.Equal("azure", (string?)ready["upstream"]);
    }

    [Fact]
    public async Task A_refused_session_ends_the_call_with_1011_and_the_upstreams_own_words()
    {
        await using OpenAIRealtimeStandIn standIn = await OpenAIRealtimeStandIn.StartAsync();
        standIn.RefuseSessionsWith = "invalid_api_key";
        await using TestServer voxgate = await StartVoxgateAsync(standIn);
        await using GatewayClient page = await GatewayClient.ConnectAsync(voxgate.Address);

        JsonObject error = await page.WaitForTypeAsync("error");
        Assert.Equal(WebSocketCloseStatus.InternalServerError, await page.WaitForCloseAsync());
        Assert.Equal("upstream_error", (string?)error["code"]);
        Assert.Contains("Incorrect API key provided.", (string?)error["message"], StringComparison.Ordinal);
        Assert.Null(page.Find(e => TypeOf(e) == "session.ready"));
    }

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (!condition())
        {
            await Task.Delay(10, deadline.Token);
        }
    }
}
