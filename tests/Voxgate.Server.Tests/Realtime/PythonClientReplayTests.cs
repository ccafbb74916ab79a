using System.Diagnostics;
using System.Text.Json.Nodes;
using Voxgate.Server.Tests.TestSupport;
using static Voxgate.Server.Tests.Realtime.RealtimeWireClient;

namespace Voxgate.Server.Tests.Realtime;

/// <summary>
/// The event sequences of the Python voice-agent frameworks, which cannot be installed here, replayed as they put them
/// on the wire (read from their source: livekit/agents livekit-plugins-openai realtime/realtime_model.py, pipecat-ai/pipecat
/// services/openai/realtime/llm.py and events.py), with what each waits for or treats as fatal checked on the answers.
/// </summary>
[Collection(SharedRealtimeServer.Name)]
public sealed class PythonClientReplayTests(RealtimeServerFixture fixture)
{
    private const string Question = "what are your opening hours";

    // pipecat ends the session on any error but these two.
    private static readonly string[] PipecatBenign = ["response_cancel_not_active", "conversation_already_has_active_response"];

    [Fact]
    public async Task LiveKit_realtime_model_configures_syncs_context_gets_its_generate_reply_and_interrupts()
    {
        await using RealtimeWireClient client = await ConnectAsync(fixture.Address);
        await client.WaitForTypeAsync("session.created");

        // _create_session_update_event, dumped by_alias with exclude_unset: the defaults it always sets, nulls included.
        await client.SendTextAsync("""
            {"type":"session.update","event_id":"session_update_8fKq2","session":{"type":"realtime","model":"gpt-realtime","output_modalities":["audio"],
             "audio":{"input":{"format":{"rate":24000,"type":"audio/pcm"},"noise_reduction":null,"transcription":{"model":"gpt-4o-mini-transcribe"},
                               "turn_detection":{"type":"semantic_vad","create_response":true,"eagerness":"auto","interrupt_response":true}},
                      "output":{"format":{"rate":24000,"type":"audio/pcm"},"speed":null,"voice":"marin"}},
             "max_output_tokens":"inf","tool_choice":"auto","tracing":null}}
            """);
        JsonObject configured = (JsonObject)(await client.WaitForTypeAsync("session.updated"))["session"]!;
        Assert.Equal(("semantic_vad", "auto", "marin"), ((string?)configured["audio"]!["input"]!["turn_detection"]!["type"], (string?)configured["audio"]!["input"]!["turn_detection"]!["eagerness"], (string?)configured["audio"]!["output"]!["voice"]));

        // _create_tools_update_event, then the chat context (update_chat_ctx: created from "root").
        await client.SendTextAsync("""
            {"type":"session.update","event_id":"tools_update_Zb71","session":{"type":"realtime","model":"gpt-realtime","tools":[
             {"type":"function","name":"check_availability","description":"Checks a slot.","parameters":{"type":"object","properties":{"date":{"type":"string"},"time":{"type":"string"}},"required":["date","time"]}},
             {"type":"function","name":"book_appointment","description":"Books a slot.","parameters":{"type":"object","properties":{"date":{"type":"string"},"time":{"type":"string"}},"required":["date","time"]}}]}}
            """);
        await client.WaitForAsync(e => TypeOf(e) == "session.updated" && e["session"]!["tools"]!.AsArray().Count == 2);
        await client.SendTextAsync($$$"""{"type":"conversation.item.create","event_id":"chat_ctx_create_1","previous_item_id":"root","item":{"id":"lk_item_1","type":"message","role":"user","content":[{"type":"input_text","text":"{{{Question}}}"}]}}""");
        JsonObject synced = await client.WaitForAsync(e => TypeOf(e) == "conversation.item.added" && (string?)e["item"]!["id"] == "lk_item_1");
        Assert.Null(synced["previous_item_id"]);

        // generate_reply: the future resolves on the response.created that carries its client_event_id, or times out at 10 s.
        var clock = Stopwatch.StartNew();
        int mark = client.Events.Count;
        await client.SendTextAsync("""{"type":"response.create","event_id":"response_create_Xy3","response":{"instructions":"You are the front desk.\nGreet the caller.","metadata":{"client_event_id":"response_create_Xy3"}}}""");
        JsonObject created = await client.WaitForAsync(e => TypeOf(e) == "response.created" && (string?)e["response"]!["metadata"]?["client_event_id"] == "response_create_Xy3", mark);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(10), $"response.created took {clock.Elapsed}: LiveKit would have given up on it");
        JsonObject generated = await client.SendSilenceUntilAsync(e => TypeOf(e) == "response.done" && (string?)e["response"]!["id"] == (string?)created["response"]!["id"], mark);
        Assert.Equal(("completed", "response_create_Xy3"), ((string?)generated["response"]!["status"], (string?)generated["response"]!["metadata"]!["client_event_id"]));

        // A spoken turn: the server creates the response itself, with no metadata, which LiveKit takes as not user-initiated.
        mark = client.Events.Count;
        await client.SendSilenceAsync(300);
        await client.SendAudioAsync(await TestSpeech.Pcm16Async(Question));
        JsonObject auto = await client.SendSilenceUntilAsync(e => TypeOf(e) == "response.created", mark);
        Assert.Null(auto["response"]!["metadata"]);
        await client.SendSilenceUntilAsync(e => TypeOf(e) == "response.done", mark);

        // interrupt() cancels what is generating; truncate() cuts what was heard, or deletes an item never heard.
        mark = client.Events.Count;
        await client.SendTextAsync("""{"type":"response.create","event_id":"response_create_Q9","response":{"metadata":{"client_event_id":"response_create_Q9"}}}""");
        JsonObject audio = await client.SendSilenceUntilAsync(e => TypeOf(e) == "response.output_audio.delta", mark);
        await client.SendTextAsync("""{"type":"response.cancel"}""");
        JsonObject cancelled = await client.WaitForAsync(e => TypeOf(e) == "response.done" && (string?)e["response"]!["id"] == (string?)audio["response_id"], mark);
        Assert.Equal(("cancelled", "client_cancelled"), ((string?)cancelled["response"]!["status"], (string?)cancelled["response"]!["status_details"]!["reason"]));
        await client.SendTextAsync($$$"""{"type":"conversation.item.truncate","content_index":0,"item_id":"{{{audio["item_id"]}}}","audio_end_ms":20}""");
        Assert.Equal(20, (int)(await client.WaitForTypeAsync("conversation.item.truncated", mark))["audio_end_ms"]!);
        await client.SendTextAsync($$$"""{"type":"conversation.item.delete","item_id":"{{{audio["item_id"]}}}","event_id":"chat_ctx_delete_1"}""");
        Assert.Equal((string?)audio["item_id"], (string?)(await client.WaitForTypeAsync("conversation.item.deleted", mark))["item_id"]);

        // A cancel that finds nothing: LiveKit drops errors whose message starts "Cancellation failed".
        await client.SendTextAsync("""{"type":"response.cancel","event_id":"late_cancel"}""");
        Assert.StartsWith("Cancellation failed", (string?)(await client.WaitForErrorAsync("late_cancel"))["error"]!["message"], StringComparison.Ordinal);
        Assert.Equal(["late_cancel"], client.Events.Where(e => TypeOf(e) == "error").Select(e => (string?)e["error"]!["event_id"]));
    }

    [Fact]
    public async Task Pipecat_realtime_service_with_local_turns_sends_reasoning_runs_tools_and_survives_every_answer()
    {
        await using RealtimeWireClient client = await ConnectAsync(fixture.Address);
        await client.WaitForTypeAsync("session.created");

        // SessionProperties dumped with exclude_none; reasoning kept because the model is set by URL, not here;
        // turn_detection False becomes null (realtime-openai-locally-driven-turns.py).
        await client.SendTextAsync("""
            {"event_id":"6f1c0b8e-2d7a-4c53-9a51-0f1e2d3c4b5a","type":"session.update","session":{"type":"realtime","output_modalities":["audio"],
             "instructions":"You are a helpful front desk. Keep it short.",
             "audio":{"input":{"format":{"type":"audio/pcm","rate":24000},"transcription":{"model":"gpt-4o-transcribe"},"noise_reduction":{"type":"near_field"},"turn_detection":null},
                      "output":{"format":{"type":"audio/pcm","rate":24000},"voice":"alloy"}},
             "tools":[{"type":"function","name":"check_availability","description":"Checks a slot.","parameters":{"type":"object","properties":{"date":{"type":"string"},"time":{"type":"string"}},"required":["date","time"]}},
                      {"type":"function","name":"book_appointment","description":"Books a slot.","parameters":{"type":"object","properties":{"date":{"type":"string"},"time":{"type":"string"}},"required":["date","time"]}}],
             "reasoning":{"effort":"low"}}}
            """);
        JsonObject session = (JsonObject)(await client.WaitForTypeAsync("session.updated"))["session"]!;
        Assert.Equal(("low", "alloy"), ((string?)session["reasoning"]!["effort"], (string?)session["audio"]!["output"]!["voice"]));
        Assert.Null(session["audio"]!["input"]!["turn_detection"]);

        // _handle_user_stopped_speaking: commit, then response.create; the tool results go back as items, then response.create.
        int mark = client.Events.Count;
        await client.SendAudioAsync(await TestSpeech.Pcm16Async("i would like to book an appointment on friday at ten thirty"));
        await client.SendTextAsync("""{"event_id":"c1","type":"input_audio_buffer.commit"}""");
        await client.SendTextAsync("""{"event_id":"r1","type":"response.create","response":{"output_modalities":["audio"]}}""");
        var called = new List<string>();
        string? reply = null;
        for (int round = 0; round < 6 && reply is null; round++)
        {
            JsonObject done = await client.SendSilenceUntilAsync(e => TypeOf(e) == "response.done", mark);
            mark = client.Events.Count;
            foreach (JsonNode? output in done["response"]!["output"]!.AsArray())
            {
                if ((string?)output!["type"] == "function_call")
                {
                    called.Add((string)output["name"]!);
                    await client.SendTextAsync($$$"""{"event_id":"tool_{{{round}}}","type":"conversation.item.create","item":{"type":"function_call_output","call_id":"{{{output["call_id"]}}}","output":"{\"ok\":true}"}}""");
                }
                else
                {
                    reply = (string?)output["content"]![0]!["transcript"];
                }
            }

            if (reply is null)
            {
                await client.SendTextAsync($$$"""{"event_id":"r{{{round + 2}}}","type":"response.create","response":{"output_modalities":["audio"]}}""");
            }
        }

        Assert.Equal(["check_availability", "book_appointment"], called);
        Assert.Contains("booked", reply, StringComparison.OrdinalIgnoreCase);

        // retrieve_conversation_item keys its future by "rci_{item_id}" and expects OpenAI's code for a missing item.
        await client.SendTextAsync("""{"event_id":"rci_item_gone","type":"conversation.item.retrieve","item_id":"item_gone"}""");
        Assert.Equal("item_retrieve_invalid_item_id", (string?)(await client.WaitForErrorAsync("rci_item_gone"))["error"]!["code"]);

        // _handle_interruption with local turns: clear, cancel (benign when idle), truncate what was played.
        mark = client.Events.Count;
        await client.SendTextAsync($$$"""{"event_id":"u2","type":"conversation.item.create","item":{"type":"message","role":"user","content":[{"type":"input_text","text":"{{{Question}}}"}]}}""");
        await client.SendTextAsync("""{"event_id":"r9","type":"response.create","response":{"output_modalities":["audio"]}}""");
        JsonObject audio = await client.SendSilenceUntilAsync(e => TypeOf(e) == "response.output_audio.delta", mark);
        await client.SendTextAsync("""{"event_id":"x1","type":"input_audio_buffer.clear"}""");
        await client.SendTextAsync("""{"event_id":"x2","type":"response.cancel"}""");
        await client.SendTextAsync($$$"""{"event_id":"x3","type":"conversation.item.truncate","item_id":"{{{audio["item_id"]}}}","content_index":0,"audio_end_ms":40}""");
        await client.WaitForTypeAsync("conversation.item.truncated", mark);
        await client.SendTextAsync("""{"event_id":"x4","type":"response.cancel"}""");
        await client.WaitForErrorAsync("x4");

        // Nothing pipecat would take as fatal: only its benign codes and the retrieve it handles itself.
        Assert.All(client.Events.Where(e => TypeOf(e) == "error" && (string?)e["error"]!["event_id"] != "rci_item_gone"),
            e => Assert.Contains((string?)e["error"]!["code"], PipecatBenign));
    }
}
