using System.Net;
using System.Net.WebSockets;
using System.Text.Json.Nodes;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using Voxgate.Server.Tests.Hosting;
using Voxgate.Server.Tests.TestSupport;
using Voxgate.Speech.Engine;

namespace Voxgate.Server.Tests.Gateway;

public sealed class GatewayTests
{
    private static string TypeOf(JsonObject e) => (string)e["type"]!;

    private static async Task<byte[]> Question() => await TestSpeech.Pcm16Async("what are your opening hours");

    [Fact]
    public async Task A_spoken_question_gets_a_spoken_answer_with_captions_and_latency()
    {
        await using var server = await TestServer.StartAsync();
        await using var client = await GatewayClient.ConnectAsync(server.Address);
        JsonObject ready = await client.WaitForTypeAsync("session.ready");
        Assert.Equal("local", (string?)ready["upstream"]);
        Assert.Equal(24000, (int)ready["audio"]!["sample_rate"]!);

        await client.SendSilenceAsync(300);
        await client.SendAudioAsync(await Question());
        JsonObject done = await client.SilenceUntilAsync(e => TypeOf(e) == "response.done");

        Assert.Equal("completed", (string?)done["status"]);
        Assert.True((long)done["latency_ms"]! >= 0);
        JsonObject user = client.Find(e => TypeOf(e) == "transcript" && (string?)e["role"] == "user")!;
        Assert.Contains("opening hours", (string)user["text"]!, StringComparison.Ordinal);
        JsonObject agent = client.Find(e => TypeOf(e) == "transcript" && (string?)e["role"] == "assistant")!;
        Assert.Contains("open", (string)agent["text"]!, StringComparison.OrdinalIgnoreCase);
        Assert.NotNull(client.Find(e => TypeOf(e) == "speech.started"));
        Assert.NotNull(client.Find(e => TypeOf(e) == "transcript.delta"));

        // The audio sent is the reply, as speech recognition hears it.
        byte[] audio = client.Audio;
        Assert.Equal((long)done["audio_ms"]!, audio.Length / 48);
        var engine = server.Services.GetRequiredService<LocalSpeechEngine>();
        string heard = (await engine.Recognition.GetTextAsync(new MemoryStream(audio), new SpeechToTextOptions { SpeechSampleRate = 24000 })).Text;
        Assert.True(new[] { "open", "monday", "friday", "nine", "five" }.Count(w => heard.Contains(w, StringComparison.Ordinal)) >= 3, $"heard '{heard}'");
    }

    [Fact]
    public async Task A_client_that_only_sends_and_reads_binary_hears_the_answer()
    {
        await using var server = await TestServer.StartAsync();
        using var socket = new ClientWebSocket();
        await socket.ConnectAsync(new Uri($"ws://{server.Address.Authority}/ws"), CancellationToken.None);
        byte[] question = await Question();
        var speech = new byte[question.Length + 48 * 300];
        question.CopyTo(speech, 48 * 300);

        long binary = 0;
        var buffer = new byte[65536];
        Task reader = Task.Run(async () =>
        {
            while (binary < 48 * 2000)
            {
                WebSocketReceiveResult r = await socket.ReceiveAsync(buffer, CancellationToken.None);
                if (r.MessageType == WebSocketMessageType.Binary)
                {
                    Interlocked.Add(ref binary, r.Count);
                }
            }
        });

        // Speak, then keep the microphone open with silence, like the tutorial's page.
        for (int offset = 0; offset < speech.Length; offset += 960)
        {
            await socket.SendAsync(speech.AsMemory(offset, Math.Min(960, speech.Length - offset)), WebSocketMessageType.Binary, true, CancellationToken.None);
        }

        var silence = new byte[960];
        for (int i = 0; i < 1500 && !reader.IsCompleted; i++)
        {
            await socket.SendAsync(silence, WebSocketMessageType.Binary, true, CancellationToken.None);
            await Task.Delay(2);
        }

        await reader.WaitAsync(TimeSpan.FromSeconds(20));
        Assert.True(Interlocked.Read(ref binary) >= 48 * 2000, "less than two seconds of reply audio");
    }

    [Fact]
    public async Task Barge_in_flushes_cancels_and_truncates_at_the_milliseconds_played()
    {
        await using var server = await TestServer.StartAsync();
        await using var client = await GatewayClient.ConnectAsync(server.Address);
        await client.SendSilenceAsync(300);
        await client.SendAudioAsync(await Question());
        JsonObject started = await client.SilenceUntilAsync(e => TypeOf(e) == "audio.started");
        string itemId = (string)started["item_id"]!;

        // Let more than the reported 420 ms arrive first, so the cut is the report, not the clamp to what was sent.
        for (int i = 0; i < 100 && client.Audio.Length < 48 * 1000; i++)
        {
            await client.SendSilenceAsync(20);
            await Task.Delay(10);
        }

        Assert.True(client.Audio.Length >= 48 * 1000, "the reply's first second never arrived");
        await client.SendJsonAsync(new JsonObject { ["type"] = "playback", ["item_id"] = itemId, ["played_ms"] = 420 });

        int mark = client.Received.Count;
        await client.SendAudioAsync(await TestSpeech.Pcm16Async("hello there"));
        JsonObject interrupted = await client.SilenceUntilAsync(e => TypeOf(e) == "interrupted", from: mark);
        Assert.Equal(itemId, (string?)interrupted["item_id"]);
        Assert.Equal(420, (long)interrupted["played_ms"]!);

        JsonObject done = await client.WaitForAsync(e => TypeOf(e) == "response.done" && (string?)e["status"] == "cancelled");
        Assert.Equal("turn_detected", (string?)done["reason"]);

        // speech.started reaches the page before the cut, and no audio of the cut item follows it.
        var received = client.Received.ToList();
        int speech = received.FindIndex(mark, r => r.Event is { } e && TypeOf(e) == "speech.started");
        int cut = received.FindIndex(mark, r => r.Event is { } e && TypeOf(e) == "interrupted");
        Assert.InRange(speech, mark, cut);
        int nextItem = received.FindIndex(cut, r => r.Event is { } e && TypeOf(e) == "audio.started");
        int firstAudioAfterCut = received.FindIndex(cut, r => r.Binary is not null);
        Assert.True(firstAudioAfterCut < 0 || (nextItem >= 0 && nextItem < firstAudioAfterCut), "audio of the interrupted item was sent after the cut");
    }

    [Fact]
    public async Task Without_playback_reports_the_cut_is_estimated_from_the_clock_and_clamped_to_what_was_sent()
    {
        await using var server = await TestServer.StartAsync();
        await using var client = await GatewayClient.ConnectAsync(server.Address);
        await client.SendSilenceAsync(300);
        await client.SendAudioAsync(await Question());
        await client.SilenceUntilAsync(e => TypeOf(e) == "audio.started");
        int mark = client.Received.Count;
        await client.SendJsonAsync(new JsonObject { ["type"] = "interrupt" });
        JsonObject interrupted = await client.WaitForTypeAsync("interrupted", mark);
        long played = (long)interrupted["played_ms"]!;
        long sent = client.Audio.Length / 48;
        Assert.InRange(played, 0, sent);
        JsonObject done = await client.WaitForTypeAsync("response.done", mark);
        Assert.Equal("cancelled", (string?)done["status"]);
    }

    [Fact]
    public async Task Typed_text_is_answered_like_speech()
    {
        await using var server = await TestServer.StartAsync();
        await using var client = await GatewayClient.ConnectAsync(server.Address);
        await client.WaitForTypeAsync("session.ready");
        await client.SendJsonAsync(new JsonObject { ["type"] = "text", ["text"] = "What are your opening hours?" });
        await client.SilenceUntilAsync(e => TypeOf(e) == "response.done");
        JsonObject agent = client.Find(e => TypeOf(e) == "transcript" && (string?)e["role"] == "assistant")!;
        Assert.Contains("open", (string)agent["text"]!, StringComparison.OrdinalIgnoreCase);
        Assert.True(client.Audio.Length > 48 * 1000);
    }

    [Fact]
    public async Task Bad_messages_get_errors_and_the_call_goes_on()
    {
        await using var server = await TestServer.StartAsync();
        await using var client = await GatewayClient.ConnectAsync(server.Address);
        await client.WaitForTypeAsync("session.ready");
        await client.SendTextAsync("{not json");
        await client.SendTextAsync("""{"type":"dance"}""");
        await client.SendRawAsync(new byte[961], WebSocketMessageType.Binary);
        await client.WaitForAsync(e => (string?)e["code"] == "bad_audio");
        Assert.Equal(2, client.Events.Count(e => (string?)e["code"] == "bad_message"));

        await client.SendSilenceAsync(300);
        await client.SendAudioAsync(await Question());
        JsonObject done = await client.SilenceUntilAsync(e => TypeOf(e) == "response.done");
        Assert.Equal("completed", (string?)done["status"]);
    }

    [Fact]
    public async Task A_frame_over_the_limit_closes_with_1009()
    {
        await using var server = await TestServer.StartAsync("--Gateway:MaxFrameBytes=4096");
        await using var client = await GatewayClient.ConnectAsync(server.Address);
        await client.WaitForTypeAsync("session.ready");
        await client.SendRawAsync(new byte[4098], WebSocketMessageType.Binary);
        Assert.Equal(WebSocketCloseStatus.MessageTooBig, await client.WaitForCloseAsync());
        Assert.NotNull(client.Find(e => (string?)e["code"] == "frame_too_large"));
    }

    [Fact]
    public async Task Over_capacity_closes_with_1013_and_the_slot_comes_back()
    {
        await using var server = await TestServer.StartAsync("--Gateway:MaxSessions=1");
        await using (var first = await GatewayClient.ConnectAsync(server.Address))
        {
            await first.WaitForTypeAsync("session.ready");
            await using var second = await GatewayClient.ConnectAsync(server.Address);
            Assert.Equal((WebSocketCloseStatus)1013, await second.WaitForCloseAsync());
            Assert.NotNull(second.Find(e => (string?)e["code"] == "at_capacity"));
            await first.CloseAsync();
            Assert.Equal(WebSocketCloseStatus.NormalClosure, first.CloseStatus);
        }

        await using var third = await GatewayClient.ConnectAsync(server.Address);
        await third.WaitForTypeAsync("session.ready");
    }

    [Fact]
    public async Task One_address_cannot_take_every_slot()
    {
        await using var server = await TestServer.StartAsync("--Gateway:MaxSessionsPerIp=1");
        await using var first = await GatewayClient.ConnectAsync(server.Address);
        await first.WaitForTypeAsync("session.ready");
        await using var second = await GatewayClient.ConnectAsync(server.Address);
        Assert.Equal((WebSocketCloseStatus)1013, await second.WaitForCloseAsync());
    }

    [Fact]
    public async Task An_idle_client_is_closed_with_1008()
    {
        await using var server = await TestServer.StartAsync("--Gateway:IdleTimeout=00:00:01");
        await using var client = await GatewayClient.ConnectAsync(server.Address);
        Assert.Equal(WebSocketCloseStatus.PolicyViolation, await client.WaitForCloseAsync());
        Assert.NotNull(client.Find(e => (string?)e["code"] == "idle_timeout"));
    }

    [Fact]
    public async Task A_call_at_its_maximum_length_ends_normally_with_a_reason()
    {
        await using var server = await TestServer.StartAsync("--Gateway:MaxCallDuration=00:00:01");
        await using var client = await GatewayClient.ConnectAsync(server.Address);
        Assert.Equal(WebSocketCloseStatus.NormalClosure, await client.WaitForCloseAsync());
        Assert.NotNull(client.Find(e => (string?)e["code"] == "call_too_long"));
    }

    [Fact]
    public async Task When_the_upstream_ends_the_session_the_client_gets_1011()
    {
        await using var server = await TestServer.StartAsync("--Engine:Limits:MaxSessionDuration=00:00:01");
        await using var client = await GatewayClient.ConnectAsync(server.Address);
        Assert.Equal(WebSocketCloseStatus.InternalServerError, await client.WaitForCloseAsync());
        Assert.NotNull(client.Find(e => (string?)e["code"] == "upstream_closed"));
    }

    [Fact]
    public async Task Origins_other_than_the_servers_own_or_the_allowed_are_refused()
    {
        await using var server = await TestServer.StartAsync("--Gateway:AllowedOrigins:0=https://app.example");
        var refused = await Assert.ThrowsAsync<WebSocketException>(() => GatewayClient.ConnectAsync(server.Address, configure: o => { o.SetRequestHeader("Origin", "https://evil.example"); o.CollectHttpResponseDetails = true; }));
        Assert.Contains("403", refused.Message, StringComparison.Ordinal);

        await using var own = await GatewayClient.ConnectAsync(server.Address, configure: o => o.SetRequestHeader("Origin", $"http://{server.Address.Authority}"));
        await own.WaitForTypeAsync("session.ready");
        await using var allowed = await GatewayClient.ConnectAsync(server.Address, configure: o => o.SetRequestHeader("Origin", "https://app.example"));
        await allowed.WaitForTypeAsync("session.ready");
    }

    [Fact]
    public async Task Client_tokens_and_signed_session_tokens_guard_the_gateway()
    {
        await using var server = await TestServer.StartAsync("--Gateway:ClientTokens:0=s3cret");
        var missing = await Assert.ThrowsAsync<WebSocketException>(() => GatewayClient.ConnectAsync(server.Address));
        Assert.Contains("401", missing.Message, StringComparison.Ordinal);
        await Assert.ThrowsAsync<WebSocketException>(() => GatewayClient.ConnectAsync(server.Address, "token=wrong"));

        await using (var byQuery = await GatewayClient.ConnectAsync(server.Address, "token=s3cret"))
        {
            await byQuery.WaitForTypeAsync("session.ready");
        }

        await using (var byHeader = await GatewayClient.ConnectAsync(server.Address, configure: o => o.SetRequestHeader("Authorization", "Bearer s3cret")))
        {
            await byHeader.WaitForTypeAsync("session.ready");
        }

        await using (var bySubprotocol = await GatewayClient.ConnectAsync(server.Address, configure: o => { o.AddSubProtocol("voxgate"); o.AddSubProtocol("voxgate.token.s3cret"); }))
        {
            await bySubprotocol.WaitForTypeAsync("session.ready");
        }

        // A session token needs a client token to mint, and then opens the gateway by itself.
        using (HttpResponseMessage denied = await server.Http.PostAsync(new Uri("/api/session", UriKind.Relative), null))
        {
            Assert.Equal(HttpStatusCode.Unauthorized, denied.StatusCode);
        }

        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/session");
        request.Headers.Authorization = new("Bearer", "s3cret");
        using HttpResponseMessage minted = await server.Http.SendAsync(request);
        string token = (string)JsonNode.Parse(await minted.Content.ReadAsStringAsync())!["token"]!;
        await using (var bySessionToken = await GatewayClient.ConnectAsync(server.Address, "token=" + token))
        {
            await bySessionToken.WaitForTypeAsync("session.ready");
        }

        string forged = token[..^4] + (token[^4..] == "AAAA" ? "BBBB" : "AAAA");
        await Assert.ThrowsAsync<WebSocketException>(() => GatewayClient.ConnectAsync(server.Address, "token=" + forged));
    }

    [Fact]
    public async Task Fifty_concurrent_calls_are_all_answered()
    {
        await using var server = await TestServer.StartAsync("--Gateway:MaxSessionsPerIp=60");
        byte[] question = await TestSpeech.Pcm16Async("what time is it");
        var calls = Enumerable.Range(0, 50).Select(async _ =>
        {
            await using var client = await GatewayClient.ConnectAsync(server.Address);
            await client.SendSilenceAsync(300);
            await client.SendAudioAsync(question);

            // Fifty callers share two cores: feed at 4× real time rather than as fast as possible.
            JsonObject done = await client.SilenceUntilAsync(e => TypeOf(e) == "response.done", maxMilliseconds: 120_000, pauseMs: 25);
            return (Status: (string?)done["status"], Audio: client.Audio.Length, Said: (string?)client.Find(e => TypeOf(e) == "transcript" && (string?)e["role"] == "assistant")?["text"]);
        });

        var results = await Task.WhenAll(calls);
        Assert.All(results, r =>
        {
            Assert.Equal("completed", r.Status);
            Assert.Matches(@"\b([AP]M|noon|midnight)\b", r.Said);
            Assert.True(r.Audio > 48 * 500, "under half a second of reply audio");
        });
    }
}
