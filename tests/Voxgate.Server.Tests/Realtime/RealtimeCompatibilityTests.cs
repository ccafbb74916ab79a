using System.Net.WebSockets;
using Microsoft.Extensions.Logging;
using System.Text.Json.Nodes;
using Voxgate.Server.Tests.TestSupport;
using static Voxgate.Server.Tests.Realtime.RealtimeWireClient;

namespace Voxgate.Server.Tests.Realtime;

/// <summary>
/// What the clients people build voice agents with send, on the wire against the real engine: the GA fields of the
/// reasoning models, names echoed as asked, parts the engine cannot use refused alone, idle timeouts.
/// </summary>
[Collection(SharedRealtimeServer.Name)]
public sealed class RealtimeCompatibilityTests(RealtimeServerFixture fixture)
{
    private const string Question = "what are your opening hours";

    [Fact]
    public async Task Reasoning_parallel_tool_calls_voice_and_model_are_echoed_as_asked_and_speed_is_spoken()
    {
        await using RealtimeWireClient client = await ConnectAsync(fixture.Address);
        JsonObject created = await client.WaitForTypeAsync("session.created");
        Assert.Equal("gpt-realtime", (string?)created["session"]!["model"]);

        await client.SendAsync(new JsonObject
        {
            ["type"] = "session.update",
            ["event_id"] = "u1",
            ["session"] = new JsonObject
            {
                ["type"] = "realtime",
                ["model"] = "gpt-realtime",
                ["reasoning"] = new JsonObject { ["effort"] = "low" },
                ["parallel_tool_calls"] = false,
                ["output_modalities"] = new JsonArray("audio"),
                ["audio"] = new JsonObject
                {
                    ["input"] = new JsonObject { ["noise_reduction"] = new JsonObject { ["type"] = "near_field" }, ["transcription"] = new JsonObject { ["model"] = "gpt-4o-mini-transcribe", ["language"] = "en" } },
                    ["output"] = new JsonObject { ["voice"] = "marin" },
                },
            },
        });
        JsonObject session = (JsonObject)(await client.WaitForTypeAsync("session.updated"))["session"]!;
        Assert.Equal("low", (string?)session["reasoning"]!["effort"]);
        Assert.False((bool)session["parallel_tool_calls"]!);
        Assert.Equal(("gpt-realtime", "marin", 1.0), ((string?)session["model"], (string?)session["audio"]!["output"]!["voice"], (double)session["audio"]!["output"]!["speed"]!));
        Assert.Equal("near_field", (string?)session["audio"]!["input"]!["noise_reduction"]!["type"]);
        Assert.Equal(("gpt-4o-mini-transcribe", "en"), ((string?)session["audio"]!["input"]!["transcription"]!["model"], (string?)session["audio"]!["input"]!["transcription"]!["language"]));

        // The same reply at speed 1 and at 0.5: flite speaks the second about twice as long.
        int normal = await ReplyAudioMsAsync(client);
        await client.SendAsync(new JsonObject { ["type"] = "session.update", ["session"] = new JsonObject { ["type"] = "realtime", ["audio"] = new JsonObject { ["output"] = new JsonObject { ["speed"] = 0.5 } } } });
        await client.WaitForAsync(e => TypeOf(e) == "session.updated" && (double?)e["session"]!["audio"]!["output"]!["speed"] == 0.5);
        int slow = await ReplyAudioMsAsync(client);
        Assert.InRange(slow / (double)normal, 1.6, 2.4);

        // English is all the recogniser knows: another language is refused by name, and the session goes on.
        await client.SendAsync(JsonNode.Parse("""{"type":"session.update","event_id":"de","session":{"type":"realtime","audio":{"input":{"transcription":{"model":"whisper-1","language":"de"}}}}}""")!.AsObject());
        JsonObject error = (JsonObject)(await client.WaitForErrorAsync("de"))["error"]!;
        Assert.Equal(("invalid_value", "session.audio.input.transcription.language"), ((string?)error["code"], (string?)error["param"]));
        Assert.Contains("English", (string?)error["message"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_image_or_an_MCP_tool_is_refused_alone_and_the_rest_of_the_event_applies()
    {
        await using RealtimeWireClient client = await ConnectAsync(fixture.Address);
        await client.WaitForTypeAsync("session.created");

        // A session with a function tool and a hosted MCP server: the MCP server is refused, the function kept.
        await client.SendTextAsync("""
            {"type":"session.update","event_id":"tools","session":{"type":"realtime","instructions":"Be brief.","tools":[
              {"type":"function","name":"check_availability","parameters":{"type":"object","properties":{}}},
              {"type":"mcp","server_label":"deepwiki","server_url":"https://mcp.deepwiki.example/mcp","require_approval":"never"}]}}
            """);
        JsonObject mcp = (JsonObject)(await client.WaitForErrorAsync("tools"))["error"]!;
        Assert.Equal(("invalid_value", "session.tools[1]"), ((string?)mcp["code"], (string?)mcp["param"]));
        Assert.Contains("MCP", (string?)mcp["message"], StringComparison.Ordinal);
        JsonObject updated = await client.WaitForTypeAsync("session.updated");
        Assert.Equal("Be brief.", (string?)updated["session"]!["instructions"]);
        Assert.Equal(["check_availability"], updated["session"]!["tools"]!.AsArray().Select(t => (string)t!["name"]!));

        // Text and an image: the image is refused by its place, the text becomes the item.
        const string Pixel = "data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==";
        await client.SendAsync(new JsonObject
        {
            ["type"] = "conversation.item.create",
            ["event_id"] = "img",
            ["item"] = new JsonObject
            {
                ["id"] = "item_pic",
                ["type"] = "message",
                ["role"] = "user",
                ["content"] = new JsonArray(new JsonObject { ["type"] = "input_text", ["text"] = Question }, new JsonObject { ["type"] = "input_image", ["image_url"] = Pixel }),
            },
        });
        JsonObject image = (JsonObject)(await client.WaitForErrorAsync("img"))["error"]!;
        Assert.Equal("item.content[1]", (string?)image["param"]);
        JsonObject added = await client.WaitForAsync(e => TypeOf(e) == "conversation.item.added" && (string?)e["item"]!["id"] == "item_pic");
        Assert.Equal(Question, (string?)added["item"]!["content"]![0]!["text"]);

        // An image alone: one error, no item.
        int mark = client.Events.Count;
        await client.SendTextAsync($$$"""{"type":"conversation.item.create","event_id":"img2","item":{"id":"item_pic2","type":"message","role":"user","content":[{"type":"input_image","image_url":"{{{Pixel}}}"}]}}""");
        Assert.Equal("item.content[0]", (string?)(await client.WaitForErrorAsync("img2"))["error"]!["param"]);

        // An item reference to nothing is refused; one to the item above is its content.
        await client.SendTextAsync("""{"type":"response.create","event_id":"ref0","response":{"conversation":"none","output_modalities":["text"],"input":[{"type":"item_reference","id":"item_nothing"}]}}""");
        Assert.Equal("response.input[0].id", (string?)(await client.WaitForErrorAsync("ref0"))["error"]!["param"]);
        await client.SendTextAsync("""{"type":"response.create","response":{"conversation":"none","output_modalities":["text"],"input":[{"type":"item_reference","id":"item_pic"}],"metadata":{"k":"v"}}}""");
        JsonObject done = await client.SendSilenceUntilAsync(e => TypeOf(e) == "response.done" && (string?)e["response"]!["metadata"]?["k"] == "v", mark);
        Assert.Contains("open", (string?)done["response"]!["output"]![0]!["content"]![0]!["text"], StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(client.Events.Skip(mark), e => TypeOf(e) == "conversation.item.added" && (string?)e["item"]!["id"] == "item_pic2");

        // A turn re-created from its transcript alone is taken as it is.
        await client.SendTextAsync("""{"type":"conversation.item.create","event_id":"tr","item":{"id":"item_said","type":"message","role":"user","content":[{"type":"input_audio","transcript":"hello there"}]}}""");
        JsonObject said = await client.WaitForAsync(e => TypeOf(e) == "conversation.item.done" && (string?)e["item"]!["id"] == "item_said");
        Assert.Equal(("input_audio", "hello there"), ((string?)said["item"]!["content"]![0]!["type"], (string?)said["item"]!["content"]![0]!["transcript"]));

        // Audio that cannot be decoded fails its transcription, naming what failed.
        await client.SendTextAsync("""{"type":"conversation.item.create","item":{"id":"item_odd","type":"message","role":"user","content":[{"type":"input_audio","audio":"AAAA"}]}}""");
        JsonObject failed = await client.WaitForAsync(e => TypeOf(e) == "conversation.item.input_audio_transcription.failed" && (string?)e["item_id"] == "item_odd");
        Assert.Equal(("transcription_failed", "item.content[0].audio"), ((string?)failed["error"]!["code"], (string?)failed["error"]!["param"]));
    }

    [Fact]
    public async Task An_idle_timeout_after_the_reply_has_played_triggers_a_prompt_from_the_agent()
    {
        await using RealtimeWireClient client = await ConnectAsync(fixture.Address);
        await client.WaitForTypeAsync("session.created");
        await client.SendTextAsync("""{"type":"session.update","session":{"type":"realtime","audio":{"input":{"turn_detection":{"type":"server_vad","idle_timeout_ms":3000}}}}}""");
        JsonObject updated = await client.WaitForTypeAsync("session.updated");
        Assert.Equal(3000, (int)updated["session"]!["audio"]!["input"]!["turn_detection"]!["idle_timeout_ms"]!);

        await client.SendSilenceAsync(300);
        await client.SendAudioAsync(await TestSpeech.Pcm16Async(Question));
        JsonObject answered = await client.SendSilenceUntilAsync(e => TypeOf(e) == "response.done");
        int mark = client.Events.Count;
        long replyMs = client.AudioOf((string)answered["response"]!["id"]!).Length / 48;

        // Silence: nothing before the reply has played and 3 s more have passed, then the timeout and a prompt.
        JsonObject timeout = await client.SendSilenceUntilAsync(e => TypeOf(e) == "input_audio_buffer.timeout_triggered", mark);
        long silentMs = (long)timeout["audio_end_ms"]! - (long)timeout["audio_start_ms"]!;
        Assert.InRange(silentMs, 2500, replyMs + 4000);
        string item = (string)timeout["item_id"]!;
        Assert.Equal(item, (string?)(await client.WaitForTypeAsync("input_audio_buffer.committed", mark))["item_id"]);
        JsonObject prompt = await client.SendSilenceUntilAsync(e => TypeOf(e) == "response.done", mark);
        Assert.Equal("completed", (string?)prompt["response"]!["status"]);
        Assert.True(client.AudioOf((string)prompt["response"]!["id"]!).Length > 24000, "the prompt was not spoken");
        Assert.DoesNotContain(client.Events, e => TypeOf(e) == "error");
    }

    [Fact]
    public async Task A_transcription_session_streams_partial_and_final_transcripts_with_server_VAD_and_never_answers()
    {
        // LiveKit's openai.STT(use_realtime=True): ?intent=transcription (and the model, for a gateway), then its update.
        await using RealtimeWireClient client = await ConnectAsync(fixture.Address, query: "?intent=transcription&model=gpt-4o-mini-transcribe");
        JsonObject created = await client.WaitForTypeAsync("session.created");
        Assert.Equal(("transcription", "realtime.transcription_session"), ((string?)created["session"]!["type"], (string?)created["session"]!["object"]));
        await client.SendTextAsync("""
            {"type":"session.update","session":{"type":"transcription","audio":{"input":{"format":{"rate":24000,"type":"audio/pcm"},
             "transcription":{"model":"gpt-4o-mini-transcribe","language":"en"},
             "turn_detection":{"type":"server_vad","threshold":0.5,"prefix_padding_ms":600,"silence_duration_ms":350}}}}}
            """);
        JsonObject updated = await client.WaitForTypeAsync("session.updated");
        JsonNode input = updated["session"]!["audio"]!["input"]!;
        Assert.Equal(("gpt-4o-mini-transcribe", 350), ((string?)input["transcription"]!["model"], (int)input["turn_detection"]!["silence_duration_ms"]!));

        await client.SendSilenceAsync(300);
        await client.SendAudioAsync(await TestSpeech.Pcm16Async("i would like to book an appointment on friday at ten thirty"));
        JsonObject completed = await client.SendSilenceUntilAsync(e => TypeOf(e) == "conversation.item.input_audio_transcription.completed");

        // A 350 ms window may cut the sentence at its pauses: each piece is its own item, transcribed in order.
        await client.SendSilenceAsync(1000);
        await client.SendSilenceUntilAsync(e => client.Events.Count(x => TypeOf(x) == "input_audio_buffer.committed") == client.Events.Count(x => TypeOf(x) == "conversation.item.input_audio_transcription.completed"));
        string heard = string.Join(" ", client.Events.Where(e => TypeOf(e) == "conversation.item.input_audio_transcription.completed").Select(e => (string)e["transcript"]!));
        Assert.True(heard.Contains("friday at ten thirty", StringComparison.Ordinal), heard);
        string item = (string)completed["item_id"]!;
        List<JsonObject> deltas = [.. client.Events.Where(e => TypeOf(e) == "conversation.item.input_audio_transcription.delta" && (string?)e["item_id"] == item)];
        // Partials stream while the caller speaks (pocketsphinx may still revise its last words in the final).
        Assert.NotEmpty(deltas);
        Assert.All(deltas, d => Assert.False(string.IsNullOrWhiteSpace((string?)d["delta"])));
        List<JsonObject> all = [.. client.Events];
        Assert.True(all.IndexOf(deltas[0]) < all.IndexOf(completed), "no partial came before the final transcript");
        Assert.Equal(item, (string?)client.Find(e => TypeOf(e) == "input_audio_buffer.speech_started")!["item_id"]);

        // A second of silence more: still no response, ever; and asking for one is refused.
        await client.SendSilenceAsync(1000);
        await client.SendTextAsync("""{"type":"response.create","event_id":"r"}""");
        Assert.Equal("invalid_value", (string?)(await client.WaitForErrorAsync("r"))["error"]!["code"]);
        Assert.DoesNotContain(client.Events, e => TypeOf(e).StartsWith("response.", StringComparison.Ordinal));

        // pipecat's OpenAIRealtimeSTTService: no server VAD, its own VAD commits each utterance.
        await client.SendTextAsync("""{"type":"session.update","session":{"type":"transcription","audio":{"input":{"format":{"type":"audio/pcm","rate":24000},"transcription":{"model":"gpt-4o-transcribe","language":"en"},"turn_detection":null}}}}""");
        await client.WaitForAsync(e => TypeOf(e) == "session.updated" && e["session"]!["audio"]!["input"]!["turn_detection"] is null);
        int mark = client.Events.Count;
        await client.SendAudioAsync(await TestSpeech.Pcm16Async(Question));
        await client.SendTextAsync("""{"type":"input_audio_buffer.commit"}""");
        JsonObject manual = await client.WaitForAsync(e => TypeOf(e) == "conversation.item.input_audio_transcription.completed", mark);
        Assert.Contains("opening hours", (string?)manual["transcript"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_realtime_session_cannot_turn_into_a_transcription_session()
    {
        await using RealtimeWireClient client = await ConnectAsync(fixture.Address);
        await client.WaitForTypeAsync("session.created");
        await client.SendTextAsync("""{"type":"session.update","event_id":"t","session":{"type":"transcription"}}""");
        JsonObject error = (JsonObject)(await client.WaitForErrorAsync("t"))["error"]!;
        Assert.Equal(("invalid_value", "session.type"), ((string?)error["code"], (string?)error["param"]));
        Assert.Contains("intent=transcription", (string?)error["message"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_beta_dialect_reports_only_models_in_openai_python_s_beta_list()
    {
        foreach ((string query, string? expected) in new[] { ("?model=gpt-realtime", (string?)null), ("?model=gpt-4o-realtime-preview-2024-12-17", "gpt-4o-realtime-preview-2024-12-17") })
        {
            await using RealtimeWireClient client = await ConnectAsync(fixture.Address, o => o.SetRequestHeader("OpenAI-Beta", "realtime=v1"), query);
            JsonObject created = await client.WaitForTypeAsync("session.created");
            Assert.Equal(expected, (string?)created["session"]!["model"]);
        }
    }

    [Fact]
    public async Task Items_trimmed_at_the_conversation_limit_are_reported_deleted_on_the_wire()
    {
        await using var server = await Hosting.TestServer.StartAsync("--Engine:Limits:MaxConversationItems=2");
        await using RealtimeWireClient client = await ConnectAsync(server.Address);
        await client.WaitForTypeAsync("session.created");
        foreach (string id in new[] { "item_1", "item_2", "item_3" })
        {
            await client.SendTextAsync($$$"""{"type":"conversation.item.create","item":{"id":"{{{id}}}","type":"message","role":"user","content":[{"type":"input_text","text":"hi"}]}}""");
        }

        JsonObject deleted = await client.WaitForTypeAsync("conversation.item.deleted");
        Assert.Equal("item_1", (string?)deleted["item_id"]);
        await client.SendTextAsync("""{"type":"conversation.item.retrieve","event_id":"gone","item_id":"item_1"}""");
        Assert.Equal("item_retrieve_invalid_item_id", (string?)(await client.WaitForErrorAsync("gone"))["error"]!["code"]);
    }

    [Fact]
    public async Task A_normal_close_logs_no_warning()
    {
        var logs = new CapturedLogs();
        await using (var server = await Hosting.TestServer.StartAsync(logs))
        {
            for (int i = 0; i < 3; i++)
            {
                await using RealtimeWireClient client = await ConnectAsync(server.Address);
                await client.WaitForTypeAsync("session.created");
                await client.SendSilenceAsync(200);
            }

            await Task.Delay(500);
        }

        Assert.DoesNotContain(logs.Entries, e => e.Level >= LogLevel.Warning);
        Assert.DoesNotContain(logs.Entries, e => e.Exception is OperationCanceledException);
    }

    private static async Task<int> ReplyAudioMsAsync(RealtimeWireClient client)
    {
        int mark = client.Events.Count;
        await client.SendTextAsync($$$"""{"type":"conversation.item.create","item":{"type":"message","role":"user","content":[{"type":"input_text","text":"{{{Question}}}"}]}}""");
        await client.SendTextAsync("""{"type":"response.create"}""");
        JsonObject done = await client.SendSilenceUntilAsync(e => TypeOf(e) == "response.done", mark);
        return client.AudioOf((string)done["response"]!["id"]!).Length / 48;
    }
}
