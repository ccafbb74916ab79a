using System.Text.Json;
using System.Text.Json.Nodes;
using Voxgate.Server.Tests.TestSupport;

namespace Voxgate.Server.Tests.Realtime;

/// <summary>
/// OpenAI's Agents SDK for JavaScript (<c>@openai/agents-realtime</c>, WebSocket transport), from its own npm package,
/// driving the local engine through <c>/v1/realtime</c> with an ephemeral key (tests/conformance/agents-realtime.mjs).
/// </summary>
[Collection(SharedRealtimeServer.Name)]
public sealed class AgentsSdkConformanceTests(RealtimeServerFixture fixture)
{
    [Fact]
    public async Task The_Agents_SDK_talks_books_interrupts_and_edits_history_with_an_ephemeral_key_and_every_event_conforms()
    {
        string folder = Directory.CreateTempSubdirectory("voxgate-agents-").FullName;
        try
        {
            var audio = new JsonObject();
            foreach ((string name, string text) in new[] { ("question", "what are your opening hours"), ("booking", "i would like to book an appointment on friday at ten thirty"), ("interrupt", "hello there") })
            {
                string path = Path.Combine(folder, name + ".pcm");
                await File.WriteAllBytesAsync(path, await TestSpeech.Pcm16Async(text));
                audio[name] = path;
            }

            var config = new JsonObject
            {
                ["http"] = $"http://{fixture.Address.Authority}",
                ["ws"] = $"ws://{fixture.Address.Authority}",
                ["key"] = RealtimeServerFixture.Key,
                ["audio"] = audio,
            };
            (int exit, string stdout, string stderr) = await ConformanceClients.RunAsync("agents-realtime.mjs", TimeSpan.FromMinutes(3), config.ToJsonString());
            Assert.True(exit == 0, stderr);
            JsonObject report = (JsonObject)JsonNode.Parse(stdout.Trim().Split('\n')[^1])!;
            JsonNode steps = report["steps"]!;

            // Nothing the SDK's schemas or the GA types refuse, no error event, and the scenario ran to its end.
            Assert.True(report["failures"]!.AsArray().Count == 0, string.Join("\n", report["failures"]!.AsArray()) + "\n" + stderr);
            Assert.Empty(report["errors"]!.AsArray());
            Assert.True((int)report["events"]! > 300, "too few events: " + report["events"]);

            // The ephemeral key: minted by the real key, accepted in its place, its bound voice and model in force.
            Assert.Equal((200, "ek_"), ((int)steps["secret"]!["status"]!, (string?)steps["secret"]!["prefix"]));
            Assert.Empty(steps["secret"]!["problems"]!.AsArray());
            Assert.Equal("marin", (string?)steps["session"]!["createdVoice"]);
            Assert.Equal("gpt-realtime", (string?)steps["session"]!["model"]);

            // The SDK's defaults are echoed as it sent them: semantic VAD, its transcription model, its tools.
            Assert.Equal("semantic_vad", (string?)steps["session"]!["turnDetection"]);
            Assert.Equal("gpt-4o-mini-transcribe", (string?)steps["session"]!["transcriptionModel"]);
            Assert.Equal(["check_availability", "book_appointment"], steps["session"]!["tools"]!.AsArray().Select(t => (string)t!));

            JsonNode question = steps["question"]!;
            Assert.Equal("completed", (string?)question["status"]);
            Assert.Contains("opening hours", (string?)question["heard"], StringComparison.Ordinal);
            Assert.Contains("open", (string?)question["said"], StringComparison.OrdinalIgnoreCase);
            Assert.True((int)question["audioMs"]! > 1000, "less than a second of reply audio");

            // The tools ran in the SDK with the receptionist's arguments, and the reply after them says so.
            JsonArray calls = steps["booking"]!["toolCalls"]!.AsArray();
            Assert.Contains(calls, c => (string?)c!["name"] == "check_availability" && (string?)c["args"]!["time"] == "10:30");
            Assert.Contains(calls, c => (string?)c!["name"] == "book_appointment");
            Assert.Contains("booked", (string?)steps["booking"]!["reply"], StringComparison.OrdinalIgnoreCase);

            // Barge-in: the server cancelled on the caller's speech, the SDK truncated the item to what it had played.
            JsonNode bargeIn = steps["bargeIn"]!;
            Assert.Equal(("cancelled", "turn_detected", true), ((string?)bargeIn["status"], (string?)bargeIn["reason"], (bool)bargeIn["truncatedItem"]!));
            Assert.True((int)bargeIn["truncatedMs"]! > 0);
            Assert.True((int)bargeIn["interruptions"]! >= 1);

            // generate_reply: the metadata comes back on response.created and .done; out-of-band contexts are honoured.
            JsonNode metadata = steps["metadata"]!;
            Assert.Equal("gen_1", (string?)metadata["created"]!["client_event_id"]);
            Assert.Equal("gen_1", (string?)metadata["done"]!["client_event_id"]);
            Assert.Null(metadata["emptyConversation"]);
            Assert.Contains("only help", (string?)metadata["emptyText"], StringComparison.Ordinal);
            Assert.Contains("open", (string?)metadata["referenceText"], StringComparison.OrdinalIgnoreCase);

            // History edits: a removed item is deleted on the server, a turn re-created from its transcript is taken.
            Assert.True((bool)steps["history"]!["deleted"]!);
            Assert.Equal("i called earlier about friday", (string?)steps["history"]!["replayedTranscript"]);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
