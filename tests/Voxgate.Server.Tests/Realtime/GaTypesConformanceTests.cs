using System.Text.Json.Nodes;
using Voxgate.Server.Tests.TestSupport;
using static Voxgate.Server.Tests.Realtime.RealtimeWireClient;

namespace Voxgate.Server.Tests.Realtime;

/// <summary>
/// Every kind of server event Voxgate sends, checked field by field and enum value by enum value against the GA types
/// the <c>openai</c> npm package ships (tests/conformance/ga-schema.cjs reads them with the TypeScript compiler).
/// </summary>
[Collection(SharedRealtimeServer.Name)]
public sealed class GaTypesConformanceTests(RealtimeServerFixture fixture)
{
    private static readonly string[] EveryKind =
    [
        "session.created", "session.updated", "error", "input_audio_buffer.speech_started", "input_audio_buffer.speech_stopped",
        "input_audio_buffer.committed", "input_audio_buffer.cleared", "input_audio_buffer.timeout_triggered", "conversation.item.added",
        "conversation.item.done", "conversation.item.retrieved", "conversation.item.truncated", "conversation.item.deleted",
        "conversation.item.input_audio_transcription.delta", "conversation.item.input_audio_transcription.completed",
        "conversation.item.input_audio_transcription.failed", "response.created", "response.done", "response.output_item.added",
        "response.output_item.done", "response.content_part.added", "response.content_part.done", "response.output_audio.delta",
        "response.output_audio.done", "response.output_audio_transcript.delta", "response.output_audio_transcript.done",
        "response.output_text.delta", "response.output_text.done", "response.function_call_arguments.delta",
        "response.function_call_arguments.done", "rate_limits.updated",
    ];

    [Fact]
    public async Task Every_kind_of_server_event_has_only_fields_and_values_the_GA_types_declare()
    {
        List<JsonObject> events = [.. await ConversationEventsAsync(), .. await TranscriptionEventsAsync()];
        Assert.Empty(EveryKind.Except(events.Select(TypeOf)));

        string folder = Directory.CreateTempSubdirectory("voxgate-ga-").FullName;
        try
        {
            string good = Path.Combine(folder, "events.jsonl");
            await File.WriteAllLinesAsync(good, events.Select(e => e.ToJsonString()));
            (int exit, string stdout, string stderr) = await ConformanceClients.RunAsync("ga-schema.cjs", TimeSpan.FromMinutes(1), good);
            Assert.True(exit == 0, stdout + stderr);
            Assert.Contains($"{events.Count} events, 0 not conforming", stdout, StringComparison.Ordinal);

            // The check bites: an invented field, a wrong enum value and a wrong kind are each found.
            string bad = Path.Combine(folder, "bad.jsonl");
            await File.WriteAllLinesAsync(bad,
            [
                """{"type":"input_audio_buffer.speech_started","event_id":"e1","audio_start_ms":0,"item_id":"i","confidence":1}""",
                """{"type":"response.done","event_id":"e2","response":{"id":"r","object":"realtime.response","status":"finished","output":[]}}""",
                """{"type":"conversation.item.truncated","event_id":"e3","item_id":"i","content_index":0,"audio_end_ms":"10"}""",
            ]);
            (exit, stdout, _) = await ConformanceClients.RunAsync("ga-schema.cjs", TimeSpan.FromMinutes(1), bad);
            Assert.Equal(1, exit);
            Assert.Contains("3 events, 3 not conforming", stdout, StringComparison.Ordinal);
            Assert.Contains("confidence: no such field", stdout, StringComparison.Ordinal);
            Assert.Contains("'finished'", stdout, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private async Task<IReadOnlyList<JsonObject>> ConversationEventsAsync()
    {
        await using RealtimeWireClient client = await ConnectAsync(fixture.Address);
        await client.WaitForTypeAsync("session.created");
        await client.SendTextAsync("""
            {"type":"session.update","session":{"type":"realtime","instructions":"Be brief.","tool_choice":"auto","max_output_tokens":300,
             "reasoning":{"effort":"low"},"parallel_tool_calls":true,
             "tools":[{"type":"function","name":"check_availability","description":"Checks a slot.","parameters":{"type":"object","properties":{"date":{"type":"string"},"time":{"type":"string"}}}},
                      {"type":"function","name":"book_appointment","description":"Books a slot.","parameters":{"type":"object","properties":{"date":{"type":"string"},"time":{"type":"string"}}}}],
             "audio":{"input":{"transcription":{"model":"whisper-1"},"noise_reduction":{"type":"far_field"},
                               "turn_detection":{"type":"server_vad","silence_duration_ms":500,"idle_timeout_ms":2000}},
                      "output":{"voice":"marin","speed":1.1}}}}
            """);
        await client.WaitForTypeAsync("session.updated");

        // A spoken turn, answered in audio; then the idle timeout's prompt.
        await client.SendSilenceAsync(300);
        await client.SendAudioAsync(await TestSpeech.Pcm16Async("what are your opening hours"));
        JsonObject spoken = await client.SendSilenceUntilAsync(e => TypeOf(e) == "response.done");
        await client.SendSilenceUntilAsync(e => TypeOf(e) == "input_audio_buffer.timeout_triggered");
        await client.SendSilenceUntilAsync(e => TypeOf(e) == "response.done" && e != spoken && client.Find(x => TypeOf(x) == "input_audio_buffer.timeout_triggered") is not null);

        // Turn VAD off (no more prompts), then a tool call in text, its output, and the reply.
        await client.SendTextAsync("""{"type":"session.update","session":{"type":"realtime","output_modalities":["text"],"audio":{"input":{"turn_detection":null}}}}""");
        int mark = client.Events.Count;
        await client.SendTextAsync("""{"type":"conversation.item.create","item":{"type":"message","role":"user","content":[{"type":"input_text","text":"i would like to book an appointment on friday at ten thirty"}]}}""");
        await client.SendTextAsync("""{"type":"response.create"}""");
        JsonObject call = await client.SendSilenceUntilAsync(e => TypeOf(e) == "response.function_call_arguments.done", mark);
        await client.SendSilenceUntilAsync(e => TypeOf(e) == "response.done", mark);
        mark = client.Events.Count;
        await client.SendTextAsync($$$"""{"type":"conversation.item.create","item":{"type":"function_call_output","call_id":"{{{call["call_id"]}}}","output":"{\"available\":true}"}}""");
        await client.SendTextAsync("""{"type":"response.create"}""");
        await client.SendSilenceUntilAsync(e => TypeOf(e) == "response.done", mark);

        // A reply in text, out of band.
        mark = client.Events.Count;
        await client.SendTextAsync("""{"type":"response.create","response":{"conversation":"none","output_modalities":["text"],"input":[{"type":"message","role":"user","content":[{"type":"input_text","text":"what time is it"}]}]}}""");
        await client.SendSilenceUntilAsync(e => TypeOf(e) == "response.done", mark);

        // Item operations, a cleared buffer, a failed transcription and a refused event.
        string assistant = (string)client.Find(e => TypeOf(e) == "response.output_item.done" && (string?)e["item"]!["type"] == "message" && client.AudioOf((string)e["response_id"]!).Length > 0)!["item"]!["id"]!;
        await client.SendTextAsync($$$"""{"type":"conversation.item.retrieve","item_id":"{{{assistant}}}"}""");
        await client.SendTextAsync($$$"""{"type":"conversation.item.truncate","item_id":"{{{assistant}}}","content_index":0,"audio_end_ms":200}""");
        await client.SendTextAsync($$$"""{"type":"conversation.item.delete","item_id":"{{{assistant}}}"}""");
        await client.SendTextAsync("""{"type":"input_audio_buffer.clear"}""");
        await client.SendTextAsync("""{"type":"conversation.item.create","item":{"type":"message","role":"user","content":[{"type":"input_audio","audio":"AAAA"}]}}""");
        await client.SendTextAsync("""{"type":"no.such.event","event_id":"bad"}""");
        await client.WaitForTypeAsync("conversation.item.deleted");
        await client.WaitForTypeAsync("conversation.item.input_audio_transcription.failed");
        await client.WaitForErrorAsync("bad");
        return client.Events;
    }

    private async Task<IReadOnlyList<JsonObject>> TranscriptionEventsAsync()
    {
        await using RealtimeWireClient client = await ConnectAsync(fixture.Address, query: "?intent=transcription");
        await client.WaitForTypeAsync("session.created");
        await client.SendTextAsync("""{"type":"session.update","session":{"type":"transcription","audio":{"input":{"transcription":{"model":"gpt-4o-transcribe","language":"en","prompt":"opening hours"},"turn_detection":{"type":"server_vad"}}}}}""");
        await client.WaitForTypeAsync("session.updated");
        await client.SendSilenceAsync(300);
        await client.SendAudioAsync(await TestSpeech.Pcm16Async("what are your opening hours"));
        await client.SendSilenceUntilAsync(e => TypeOf(e) == "conversation.item.input_audio_transcription.completed");
        return client.Events;
    }
}
