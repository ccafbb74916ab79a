using System.Text.Json.Nodes;
using Voxgate.Realtime.Dialects;
using Voxgate.Realtime.Protocol;

namespace Voxgate.Realtime.Tests.Dialects;

public sealed class BetaDialectTests
{
    [Fact]
    public void A_flat_beta_session_update_becomes_the_GA_shape()
    {
        var beta = (JsonObject)JsonNode.Parse("""
            {"type":"session.update","session":{"voice":"alloy","input_audio_format":"g711_ulaw","output_audio_format":"pcm16","modalities":["text","audio"],
             "turn_detection":{"type":"server_vad","threshold":0.55},"input_audio_transcription":{"model":"whisper-1"},"temperature":0.8,"max_response_output_tokens":"inf","instructions":"Hi"}}
            """)!;
        JsonObject session = (JsonObject)RealtimeDialect.Beta.ToGaClientEvent(beta)["session"]!;
        Assert.Equal("realtime", (string?)session["type"]);
        Assert.Equal("audio/pcmu", (string?)session["audio"]!["input"]!["format"]!["type"]);
        Assert.Equal(24000, (int)session["audio"]!["output"]!["format"]!["rate"]!);
        Assert.Equal("alloy", (string?)session["audio"]!["output"]!["voice"]);
        Assert.Equal(0.55, (double)session["audio"]!["input"]!["turn_detection"]!["threshold"]!);
        Assert.Equal("whisper-1", (string?)session["audio"]!["input"]!["transcription"]!["model"]);
        Assert.Equal(["audio"], session["output_modalities"]!.AsArray().Select(m => (string)m!));
        Assert.Equal("inf", (string?)session["max_output_tokens"]);
        Assert.False(session.ContainsKey("temperature"));

        // And the result is a valid GA event.
        Assert.Null(ClientEventMapper.Map(RealtimeDialect.Beta.ToGaClientEvent((JsonObject)beta.DeepClone()), AudioInputFormat.Pcm24k).Error);
    }

    [Fact]
    public void GA_server_events_get_beta_names_and_shapes()
    {
        var output = new List<WireEvent>();
        var item = new JsonObject { ["id"] = "item_a", ["type"] = "message", ["role"] = "assistant", ["content"] = new JsonArray(new JsonObject { ["type"] = "output_audio", ["transcript"] = "Hi" }) };
        RealtimeDialect.Beta.FromGaServerEvent(new WireEvent("conversation.item.added", new JsonObject { ["previous_item_id"] = null, ["item"] = item }), output);
        RealtimeDialect.Beta.FromGaServerEvent(new WireEvent("conversation.item.done", new JsonObject { ["item"] = item.DeepClone() }), output);
        RealtimeDialect.Beta.FromGaServerEvent(new WireEvent("response.output_audio_transcript.done", new JsonObject { ["transcript"] = "Hi" }), output);
        RealtimeDialect.Beta.FromGaServerEvent(new WireEvent("session.created", new JsonObject
        {
            ["session"] = new JsonObject { ["id"] = "sess_1", ["output_modalities"] = new JsonArray("audio"), ["audio"] = new JsonObject { ["input"] = new JsonObject { ["format"] = new JsonObject { ["type"] = "audio/pcma" } }, ["output"] = new JsonObject { ["voice"] = "slt" } } },
        }), output);

        Assert.Equal(["conversation.item.created", "response.audio_transcript.done", "session.created", "conversation.created"], output.Select(e => e.Type));
        Assert.Equal("audio", (string?)output[0].Fields!["item"]!["content"]![0]!["type"]);
        Assert.Equal("output_audio", (string?)item["content"]![0]!["type"]);
        Assert.Equal("g711_alaw", (string?)output[2].Fields!["session"]!["input_audio_format"]);
        Assert.Equal("slt", (string?)output[2].Fields!["session"]!["voice"]);
    }
}
