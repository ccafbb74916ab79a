using System.Text.Json.Nodes;
using Microsoft.Extensions.AI;
using Voxgate.Realtime.Dialects;
using Voxgate.Realtime.Protocol;

namespace Voxgate.Realtime.Tests.Protocol;

public sealed class ServerEventWriterTests
{
    private static List<JsonObject> Write(RealtimeDialect dialect, params RealtimeServerMessage[] messages)
    {
        using var writer = new ServerEventWriter(dialect);
        foreach (RealtimeServerMessage message in messages)
        {
            writer.Write(message);
        }

        return [.. Enumerable.Range(0, writer.FrameCount).Select(i => (JsonObject)JsonNode.Parse(writer.Frame(i).Span)!)];
    }

    [Fact]
    public void Audio_deltas_are_encoded_from_raw_bytes_or_relayed_as_base64()
    {
        byte[] audio = [.. Enumerable.Range(0, 4800).Select(i => (byte)(i * 7))];
        var fromBytes = new OutputTextAudioRealtimeServerMessage(RealtimeServerMessageType.OutputAudioDelta) { ResponseId = "resp_1", ItemId = "item_1", OutputIndex = 0, ContentIndex = 0, RawRepresentation = (ReadOnlyMemory<byte>)audio, MessageId = "event_1" };
        var fromString = new OutputTextAudioRealtimeServerMessage(RealtimeServerMessageType.OutputAudioDelta) { ResponseId = "resp_1", ItemId = "item_1", Audio = Convert.ToBase64String(audio) };
        List<JsonObject> frames = Write(RealtimeDialect.Ga, fromBytes, fromString);
        Assert.All(frames, f => Assert.Equal(Convert.ToBase64String(audio), (string?)f["delta"]));
        Assert.Equal("response.output_audio.delta", (string?)frames[0]["type"]);
        Assert.Equal("event_1", (string?)frames[0]["event_id"]);
        Assert.StartsWith("event_", (string?)frames[1]["event_id"], StringComparison.Ordinal);
        Assert.Equal("resp_1", (string?)frames[0]["response_id"]);
        Assert.Equal("response.audio.delta", (string?)Write(RealtimeDialect.Beta, fromBytes)[0]["type"]);
    }

    [Fact]
    public void Errors_have_OpenAIs_shape_and_the_client_event_id()
    {
        var error = new ErrorRealtimeServerMessage { Error = new ErrorContent("nope") { ErrorCode = "response_cancel_not_active" }, OriginatingMessageId = "c9" };
        JsonObject frame = Write(RealtimeDialect.Ga, error)[0];
        Assert.Equal("error", (string?)frame["type"]);
        Assert.Equal("response_cancel_not_active", (string?)frame["error"]!["code"]);
        Assert.Equal("invalid_request_error", (string?)frame["error"]!["type"]);
        Assert.Equal("c9", (string?)frame["error"]!["event_id"]);
    }

    [Fact]
    public void Events_without_a_Microsoft_Extensions_AI_type_are_named_from_their_PascalCase_type()
    {
        var started = new RealtimeServerMessage { Type = new RealtimeServerMessageType("InputAudioBufferSpeechStarted"), RawRepresentation = new JsonObject { ["audio_start_ms"] = 120, ["item_id"] = "item_u" } };
        JsonObject frame = Write(RealtimeDialect.Ga, started)[0];
        Assert.Equal("input_audio_buffer.speech_started", (string?)frame["type"]);
        Assert.Equal(120, (int)frame["audio_start_ms"]!);
    }

    [Fact]
    public void Typed_messages_without_raw_JSON_are_written_from_their_fields()
    {
        var item = new RealtimeConversationItem([new FunctionCallContent("call_1", "lookup", new Dictionary<string, object?> { ["q"] = "x" })], "item_f", ChatRole.Assistant);
        var added = new ResponseOutputItemRealtimeServerMessage(RealtimeServerMessageType.ResponseOutputItemAdded) { ResponseId = "resp_2", OutputIndex = 1, Item = item };
        JsonObject frame = Write(RealtimeDialect.Ga, added)[0];
        Assert.Equal("response.output_item.added", (string?)frame["type"]);
        Assert.Equal(1, (int)frame["output_index"]!);
        Assert.Equal("function_call", (string?)frame["item"]!["type"]);
        Assert.Equal("{\"q\":\"x\"}", (string?)frame["item"]!["arguments"]);
    }
}
