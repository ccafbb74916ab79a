using System.Net;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json.Nodes;
using Voxgate.Server.Tests.TestSupport;
using static Voxgate.Server.Tests.Realtime.RealtimeWireClient;

namespace Voxgate.Server.Tests.Realtime;

/// <summary>The raw wire protocol of <c>/v1/realtime</c>, both dialects, against the real local engine.</summary>
[Collection(SharedRealtimeServer.Name)]
public sealed class RealtimeApiWireTests(RealtimeServerFixture fixture)
{
    private const string Question = "what are your opening hours";

    [Fact]
    public async Task A_GA_turn_has_every_event_of_the_protocol_notes_in_order_with_consistent_ids()
    {
        await using RealtimeWireClient client = await ConnectAsync(fixture.Address);
        JsonObject created = await client.WaitForTypeAsync("session.created");
        Assert.Same(created, client.Events[0]);
        Assert.Equal("realtime.session", (string?)created["session"]!["object"]);
        Assert.True((long)created["session"]!["expires_at"]! > DateTimeOffset.UtcNow.ToUnixTimeSeconds());

        await client.SendAsync(new JsonObject
        {
            ["type"] = "session.update",
            ["event_id"] = "u1",
            ["session"] = new JsonObject
            {
                ["type"] = "realtime",
                ["instructions"] = "Be brief.",
                ["audio"] = new JsonObject { ["input"] = new JsonObject { ["turn_detection"] = new JsonObject { ["type"] = "server_vad", ["silence_duration_ms"] = 400 } } },
            },
        });
        JsonObject updated = await client.WaitForTypeAsync("session.updated");
        Assert.Equal("Be brief.", (string?)updated["session"]!["instructions"]);
        Assert.Equal(400, (int)updated["session"]!["audio"]!["input"]!["turn_detection"]!["silence_duration_ms"]!);
        Assert.Equal("audio/pcm", (string?)updated["session"]!["audio"]!["input"]!["format"]!["type"]);

        // A second, partial update keeps what the first set.
        await client.SendAsync(new JsonObject { ["type"] = "session.update", ["session"] = new JsonObject { ["type"] = "realtime", ["audio"] = new JsonObject { ["output"] = new JsonObject { ["voice"] = "rms" } } } });
        JsonObject merged = await client.WaitForAsync(e => TypeOf(e) == "session.updated" && e != updated);
        Assert.Equal("Be brief.", (string?)merged["session"]!["instructions"]);
        Assert.Equal("rms", (string?)merged["session"]!["audio"]!["output"]!["voice"]);

        int mark = client.Events.Count;
        await client.SendSilenceAsync(300);
        await client.SendAudioAsync(await TestSpeech.Pcm16Async(Question));
        JsonObject done = await client.SendSilenceUntilAsync(e => TypeOf(e) == "response.done", mark);
        await client.SendSilenceUntilAsync(e => TypeOf(e) == "rate_limits.updated", mark);
        JsonObject transcript = await client.WaitForTypeAsync("conversation.item.input_audio_transcription.completed", mark);
        Assert.Contains("opening hours", (string?)transcript["transcript"], StringComparison.Ordinal);

        List<JsonObject> turn = [.. client.Events.Skip(mark).Where(e => !TypeOf(e).StartsWith("conversation.item.input_audio_transcription", StringComparison.Ordinal))];
        string[] expected =
        [
            "input_audio_buffer.speech_started", "input_audio_buffer.speech_stopped", "input_audio_buffer.committed",
            "conversation.item.added", "conversation.item.done", "response.created", "response.output_item.added", "conversation.item.added",
            "response.content_part.added", "response.output_audio_transcript.delta", "response.output_audio.delta", "response.output_audio.done",
            "response.output_audio_transcript.done", "response.content_part.done", "response.output_item.done", "conversation.item.done",
            "response.done", "rate_limits.updated",
        ];
        AssertInOrder([.. turn.Select(TypeOf)], expected);
        Assert.All(client.Events, e => Assert.StartsWith("event_", (string?)e["event_id"], StringComparison.Ordinal));

        // Ids and indexes agree across the turn (§2.3).
        string user = (string)turn.First(e => TypeOf(e) == "input_audio_buffer.speech_started")["item_id"]!;
        Assert.Equal(user, (string?)turn.First(e => TypeOf(e) == "input_audio_buffer.speech_stopped")["item_id"]);
        Assert.Equal(user, (string?)turn.First(e => TypeOf(e) == "input_audio_buffer.committed")["item_id"]);
        Assert.Equal(user, (string?)transcript["item_id"]);
        JsonObject userItem = (JsonObject)turn.First(e => TypeOf(e) == "conversation.item.added")["item"]!;
        Assert.Equal(user, (string?)userItem["id"]);
        Assert.Equal("user", (string?)userItem["role"]);
        Assert.Equal("input_audio", (string?)userItem["content"]![0]!["type"]);

        JsonObject response = (JsonObject)turn.First(e => TypeOf(e) == "response.created")["response"]!;
        string responseId = (string)response["id"]!;
        Assert.Equal("in_progress", (string?)response["status"]);
        JsonObject added = turn.First(e => TypeOf(e) == "response.output_item.added");
        string assistant = (string)added["item"]!["id"]!;
        Assert.Equal(responseId, (string?)added["response_id"]);
        Assert.Equal(0, (int)added["output_index"]!);
        JsonObject assistantAdded = turn.Last(e => TypeOf(e) == "conversation.item.added");
        Assert.Equal(assistant, (string?)assistantAdded["item"]!["id"]);
        Assert.Equal(user, (string?)assistantAdded["previous_item_id"]);
        foreach (JsonObject delta in turn.Where(e => TypeOf(e) is "response.output_audio.delta" or "response.output_audio_transcript.delta" or "response.content_part.added"))
        {
            Assert.Equal(responseId, (string?)delta["response_id"]);
            Assert.Equal(assistant, (string?)delta["item_id"]);
            Assert.Equal(0, (int)delta["output_index"]!);
            Assert.Equal(0, (int)delta["content_index"]!);
        }

        string said = (string)turn.First(e => TypeOf(e) == "response.output_audio_transcript.done")["transcript"]!;
        string deltas = string.Concat(turn.Where(e => TypeOf(e) == "response.output_audio_transcript.delta").Select(e => (string)e["delta"]!));
        Assert.Equal(said.Replace(" ", string.Empty, StringComparison.Ordinal), deltas.Replace(" ", string.Empty, StringComparison.Ordinal));
        Assert.Contains("open", said, StringComparison.OrdinalIgnoreCase);
        Assert.True(client.AudioOf(responseId).Length > 24000 * 2, "less than a second of reply audio");

        Assert.Equal(responseId, (string?)done["response"]!["id"]);
        Assert.Equal("completed", (string?)done["response"]!["status"]);
        Assert.Equal(assistant, (string?)done["response"]!["output"]![0]!["id"]);
        Assert.Equal("output_audio", (string?)done["response"]!["output"]![0]!["content"]![0]!["type"]);
        Assert.Equal(said, (string?)done["response"]!["output"]![0]!["content"]![0]!["transcript"]);
        Assert.True((int)done["response"]!["usage"]!["total_tokens"]! > 0);
    }

    [Fact]
    public async Task A_beta_client_by_subprotocol_gets_beta_names_and_flat_session_fields()
    {
        await using RealtimeWireClient client = await ConnectAsync(fixture.Address, o =>
        {
            o.AddSubProtocol("realtime");
            o.AddSubProtocol("openai-beta.realtime-v1");
        });
        Assert.Equal("realtime", client.Socket.SubProtocol);
        JsonObject created = await client.WaitForTypeAsync("session.created");
        Assert.Equal("pcm16", (string?)created["session"]!["input_audio_format"]);
        Assert.Equal(["text", "audio"], created["session"]!["modalities"]!.AsArray().Select(m => (string)m!));
        await client.WaitForTypeAsync("conversation.created");

        await client.SendAsync(new JsonObject
        {
            ["type"] = "session.update",
            ["session"] = new JsonObject { ["input_audio_format"] = "pcm16", ["turn_detection"] = new JsonObject { ["type"] = "server_vad", ["threshold"] = 0.6 }, ["temperature"] = 0.7, ["max_response_output_tokens"] = 300 },
        });
        JsonObject updated = await client.WaitForTypeAsync("session.updated");
        Assert.Equal(0.6, (double)updated["session"]!["turn_detection"]!["threshold"]!);
        Assert.Equal(300, (int)updated["session"]!["max_response_output_tokens"]!);

        await client.SendSilenceAsync(300);
        await client.SendAudioAsync(await TestSpeech.Pcm16Async(Question));
        JsonObject done = await client.SendSilenceUntilAsync(e => TypeOf(e) == "response.done");
        string[] types = [.. client.Events.Select(TypeOf)];
        AssertInOrder(types,
            "input_audio_buffer.speech_started", "input_audio_buffer.committed", "conversation.item.created", "response.created",
            "response.output_item.added", "conversation.item.created", "response.content_part.added", "response.audio_transcript.delta",
            "response.audio.delta", "response.audio.done", "response.audio_transcript.done", "response.content_part.done", "response.output_item.done", "response.done");
        Assert.DoesNotContain(types, t => t is "conversation.item.added" or "conversation.item.done" || t.Contains("output_audio", StringComparison.Ordinal));
        Assert.Equal("audio", (string?)done["response"]!["output"]![0]!["content"]![0]!["type"]);
        Assert.Equal(["text", "audio"], done["response"]!["modalities"]!.AsArray().Select(m => (string)m!));
        Assert.True(client.AudioOf((string)done["response"]!["id"]!, "response.audio.delta").Length > 24000);
    }

    [Fact]
    public async Task The_tutorial_beta_client_gets_audio_and_the_transcript()
    {
        // Exactly the session the FastAPI tutorial sends, with its header.
        const string Session = """
            {"type": "session.update", "session": {"voice": "alloy", "input_audio_format": "pcm16", "output_audio_format": "pcm16",
             "input_audio_transcription": {"model": "whisper-1"},
             "turn_detection": {"type": "server_vad", "threshold": 0.55, "prefix_padding_ms": 300, "silence_duration_ms": 500},
             "instructions": "You are a concise voice assistant. Reply in 1-2 short sentences."}}
            """;
        await using RealtimeWireClient client = await ConnectAsync(fixture.Address, o => o.SetRequestHeader("OpenAI-Beta", "realtime=v1"));
        await client.SendTextAsync(Session);
        await client.SendSilenceAsync(300);
        await client.SendAudioAsync(await TestSpeech.Pcm16Async(Question));
        JsonObject transcriptDone = await client.SendSilenceUntilAsync(e => TypeOf(e) == "response.audio_transcript.done");

        // What the tutorial's loop does: decode response.audio.delta, read response.audio_transcript.done.
        byte[] pcm = [.. client.Events.Where(e => TypeOf(e) == "response.audio.delta").SelectMany(e => Convert.FromBase64String((string)e["delta"]!))];
        Assert.True(pcm.Length > 24000 * 2, "less than a second of audio");
        Assert.Contains("open", (string?)transcriptDone["transcript"], StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(client.Events, e => TypeOf(e) == "error");
        JsonObject updated = client.Find(e => TypeOf(e) == "session.updated")!;
        Assert.Equal(0.55, (double)updated["session"]!["turn_detection"]!["threshold"]!);
    }

    [Fact]
    public async Task Hostile_input_is_answered_with_errors_and_the_session_still_answers_a_turn()
    {
        await using RealtimeWireClient client = await ConnectAsync(fixture.Address);
        await client.WaitForTypeAsync("session.created");

        await client.SendTextAsync("this is not json");
        await client.Socket.SendAsync(new byte[] { 1, 2, 3 }, WebSocketMessageType.Binary, true, CancellationToken.None);
        await client.SendTextAsync("{\"type\":\"input_audio_buffer.append\",\"audio\":\"AAAA\"");
        await client.SendTextAsync("[1,2,3]");
        (string Frame, string EventId, string Code, string? Param)[] cases =
        [
            ("""{"type":"no.such.event","event_id":"h1"}""", "h1", "invalid_value", "type"),
            ("""{"type":"input_audio_buffer.append","event_id":"h2","audio":12}""", "h2", "invalid_type", "audio"),
            ("""{"type":"input_audio_buffer.append","event_id":"h3","audio":"AAAAA"}""", "h3", "invalid_value", "audio"),
            ("""{"type":"input_audio_buffer.append","event_id":"h4","audio":"AA=="}""", "h4", "invalid_value", "audio"),
            ("""{"type":"input_audio_buffer.append","event_id":"h5","audio":"!!!!"}""", "h5", "invalid_value", "audio"),
            ("""{"type":"input_audio_buffer.append","event_id":"h6"}""", "h6", "missing_required_parameter", "audio"),
            ("""{"type":"conversation.item.truncate","event_id":"h7","item_id":5,"content_index":0,"audio_end_ms":10}""", "h7", "invalid_type", "item_id"),
            ("""{"type":"conversation.item.truncate","event_id":"h8","item_id":"x","content_index":0,"audio_end_ms":-1}""", "h8", "integer_below_min_value", "audio_end_ms"),
            ("""{"type":"conversation.item.delete","event_id":"h9"}""", "h9", "missing_required_parameter", "item_id"),
            ("""{"type":"session.update","event_id":"h10","session":{"type":"realtime","input_audio_format":"pcm16"}}""", "h10", "unknown_parameter", "session.input_audio_format"),
            ("""{"type":"session.update","event_id":"h11","session":{"type":"realtime","audio":{"input":{"format":{"type":"audio/flac"}}}}}""", "h11", "invalid_value", "session.audio.input.format.type"),
            ("""{"type":"session.update","event_id":"h12","session":{"instructions":"hi"}}""", "h12", "missing_required_parameter", "session.type"),
            ("""{"type":"response.cancel","event_id":"h13"}""", "h13", "response_cancel_not_active", null),
            ("""{"type":"input_audio_buffer.commit","event_id":"h14"}""", "h14", "input_audio_buffer_commit_empty", null),
            ("""{"type":"conversation.item.create","event_id":"h15","item":{"type":"message","role":"user","content":"hello"}}""", "h15", "invalid_type", "item.content"),
            ("""{"type":"conversation.item.retrieve","event_id":"h16","item_id":"item_missing"}""", "h16", "item_retrieve_invalid_item_id", "item_id"),
        ];
        foreach ((string frame, _, _, _) in cases)
        {
            await client.SendTextAsync(frame);
        }

        // A huge string in an unknown event, and a huge event type.
        await client.SendAsync(new JsonObject { ["type"] = "no.such.event", ["event_id"] = "big1", ["padding"] = new string('x', 2_000_000) });
        await client.SendAsync(new JsonObject { ["type"] = new string('y', 1_000_000), ["event_id"] = "big2" });

        foreach ((_, string eventId, string code, string? param) in cases)
        {
            JsonObject error = (JsonObject)(await client.WaitForErrorAsync(eventId))["error"]!;
            Assert.Equal(code, (string?)error["code"]);
            Assert.Equal("invalid_request_error", (string?)error["type"]);
            Assert.False(string.IsNullOrEmpty((string?)error["message"]));
            if (param is not null)
            {
                Assert.Equal(param, (string?)error["param"]);
            }
        }

        Assert.Equal("invalid_value", (string?)(await client.WaitForErrorAsync("big1"))["error"]!["code"]);
        JsonObject bigType = (JsonObject)(await client.WaitForErrorAsync("big2"))["error"]!;
        Assert.True(((string)bigType["message"]!).Length < 1000, "the error echoed a huge type back");
        await client.WaitForAsync(_ => client.Events.Count(e => TypeOf(e) == "error" && (string?)e["error"]!["code"] == "invalid_json") == 4);

        // Odd PCM byte counts are refused.
        await client.SendTextAsync("{\"type\":\"input_audio_buffer.append\",\"event_id\":\"odd\",\"audio\":\"" + Convert.ToBase64String(new byte[3]) + "\"}");
        Assert.Equal("invalid_value", (string?)(await client.WaitForErrorAsync("odd"))["error"]!["code"]);

        // 10,000 appends in a burst: no errors, nothing lost, and a marker after them is answered.
        int errorsBefore = client.Events.Count(e => TypeOf(e) == "error");
        string frame20ms = "{\"type\":\"input_audio_buffer.append\",\"audio\":\"" + Convert.ToBase64String(new byte[960]) + "\"}";
        for (int i = 0; i < 10_000; i++)
        {
            await client.SendTextAsync(frame20ms);
        }

        await client.SendAsync(new JsonObject { ["type"] = "input_audio_buffer.clear", ["event_id"] = "marker" });
        await client.WaitForTypeAsync("input_audio_buffer.cleared");
        Assert.Equal(errorsBefore, client.Events.Count(e => TypeOf(e) == "error"));

        // Two responses at once: the second is refused while the first runs.
        int mark = client.Events.Count;
        await client.SendAsync(new JsonObject { ["type"] = "conversation.item.create", ["item"] = new JsonObject { ["type"] = "message", ["role"] = "user", ["content"] = new JsonArray(new JsonObject { ["type"] = "input_text", ["text"] = Question }) } });
        await client.SendAsync(new JsonObject { ["type"] = "response.create", ["event_id"] = "r1" });
        await client.SendAsync(new JsonObject { ["type"] = "response.create", ["event_id"] = "r2" });
        Assert.Equal("conversation_already_has_active_response", (string?)(await client.WaitForErrorAsync("r2"))["error"]!["code"]);
        await client.SendSilenceUntilAsync(e => TypeOf(e) == "response.done", mark);

        // And after all that, a normal spoken turn.
        mark = client.Events.Count;
        await client.SendSilenceAsync(300);
        await client.SendAudioAsync(await TestSpeech.Pcm16Async(Question));
        JsonObject done = await client.SendSilenceUntilAsync(e => TypeOf(e) == "response.done", mark);
        Assert.Equal("completed", (string?)done["response"]!["status"]);
        Assert.Contains("opening hours", (string?)client.Find(e => TypeOf(e) == "conversation.item.input_audio_transcription.completed", mark)!["transcript"], StringComparison.Ordinal);
        Assert.Equal(WebSocketState.Open, client.Socket.State);
    }

    [Fact]
    public async Task A_frame_over_the_size_limit_closes_the_connection_with_1009()
    {
        await using RealtimeWireClient client = await ConnectAsync(fixture.Address);
        await client.WaitForTypeAsync("session.created");
        string huge = "{\"type\":\"input_audio_buffer.append\",\"audio\":\"" + new string('A', 17 * 1024 * 1024) + "\"}";
        try
        {
            await client.SendTextAsync(huge);
        }
        catch (WebSocketException)
        {
            // The server may close before the whole frame is written.
        }

        await client.Closed.Task.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Equal(WebSocketCloseStatus.MessageTooBig, client.CloseStatus);
    }

    [Theory]
    [InlineData(null, HttpStatusCode.Unauthorized)]
    [InlineData("Bearer wrong", HttpStatusCode.Unauthorized)]
    [InlineData("Bearer " + RealtimeServerFixture.Key, HttpStatusCode.SwitchingProtocols)]
    public async Task The_key_is_checked_before_the_upgrade(string? authorization, HttpStatusCode expected)
    {
        using var socket = new ClientWebSocket();
        socket.Options.CollectHttpResponseDetails = true;
        if (authorization is not null)
        {
            socket.Options.SetRequestHeader("Authorization", authorization);
        }

        var uri = new Uri($"ws://{fixture.Address.Authority}/v1/realtime?model=gpt-realtime");
        if (expected == HttpStatusCode.SwitchingProtocols)
        {
            await socket.ConnectAsync(uri, CancellationToken.None);
        }
        else
        {
            await Assert.ThrowsAsync<WebSocketException>(() => socket.ConnectAsync(uri, CancellationToken.None));
        }

        Assert.Equal(expected, socket.HttpStatusCode);
    }

    [Fact]
    public async Task The_key_may_come_as_an_api_key_header_or_a_subprotocol_that_is_never_echoed()
    {
        using (var byHeader = new ClientWebSocket())
        {
            byHeader.Options.SetRequestHeader("api-key", RealtimeServerFixture.Key);
            await byHeader.ConnectAsync(new Uri($"ws://{fixture.Address.Authority}/v1/realtime"), CancellationToken.None);
            Assert.Equal(WebSocketState.Open, byHeader.State);
        }

        using var bySubprotocol = new ClientWebSocket();
        bySubprotocol.Options.AddSubProtocol("realtime");
        bySubprotocol.Options.AddSubProtocol("openai-insecure-api-key." + RealtimeServerFixture.Key);
        await bySubprotocol.ConnectAsync(new Uri($"ws://{fixture.Address.Authority}/v1/realtime?model=gpt-realtime"), CancellationToken.None);
        Assert.Equal("realtime", bySubprotocol.SubProtocol);

        using HttpResponseMessage plain = await fixture.Server.Http.GetAsync(new Uri("/v1/realtime", UriKind.Relative));
        Assert.Equal(HttpStatusCode.UpgradeRequired, plain.StatusCode);
        Assert.Contains("websocket_required", await plain.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    private static void AssertInOrder(string[] actual, params string[] expected)
    {
        int at = 0;
        foreach (string type in expected)
        {
            int found = Array.IndexOf(actual, type, at);
            Assert.True(found >= 0, $"'{type}' missing after position {at} in: {string.Join(", ", actual.Where(t => !t.EndsWith(".delta", StringComparison.Ordinal)))}");
            at = found + 1;
        }
    }

}
