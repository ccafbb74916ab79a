using System.Text.Json.Nodes;
using Microsoft.Extensions.AI;
using Voxgate.Realtime.Abstractions;
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
    public void Audio_deltas_are_encoded_from_pooled_bytes_or_relayed_as_base64()
    {
        byte[] audio = [.. Enumerable.Range(0, 4800).Select(i => (byte)(i * 7))];
        OutputAudioDeltaRealtimeServerMessage fromBytes = OutputAudioDeltaRealtimeServerMessage.Copy(audio);
        fromBytes.ResponseId = "resp_1";
        fromBytes.ItemId = "item_1";
        fromBytes.OutputIndex = 0;
        fromBytes.ContentIndex = 0;
        fromBytes.MessageId = "event_1";
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
        var error = new ErrorRealtimeServerMessage { Error = new ErrorContent("nope") { ErrorCode = RealtimeErrorCodes.NoResponseToCancel }, OriginatingMessageId = "c9" };
        JsonObject frame = Write(RealtimeDialect.Ga, error)[0];
        Assert.Equal("error", (string?)frame["type"]);
        Assert.Equal("response_cancel_not_active", (string?)frame["error"]!["code"]);
        Assert.Equal("invalid_request_error", (string?)frame["error"]!["type"]);
        Assert.Equal("c9", (string?)frame["error"]!["event_id"]);
    }

    [Theory]
    [InlineData(RealtimeErrorCodes.AudioBufferFull, "input_audio_buffer_full")]
    [InlineData(RealtimeErrorCodes.AudioTooShortToCommit, "input_audio_buffer_commit_empty")]
    [InlineData(RealtimeErrorCodes.NoResponseToCancel, "response_cancel_not_active")]
    [InlineData(RealtimeErrorCodes.ResponseAlreadyActive, "conversation_already_has_active_response")]
    [InlineData(RealtimeErrorCodes.TruncatedItemNotFound, "item_truncate_invalid_item_id")]
    [InlineData(RealtimeErrorCodes.DeletedItemNotFound, "item_delete_invalid_item_id")]
    [InlineData(RealtimeErrorCodes.RetrievedItemNotFound, "item_retrieve_invalid_item_id")]
    [InlineData(RealtimeErrorCodes.InvalidValue, "invalid_value")]
    [InlineData("an_upstreams_own_code", "an_upstreams_own_code")]
    public void Error_codes_go_out_in_OpenAIs_words_and_come_back_in_Voxgates(string seam, string wire)
    {
        var error = new ErrorRealtimeServerMessage { Error = new ErrorContent("nope") { ErrorCode = seam }, OriginatingMessageId = "c1" };
        Assert.Equal(wire, (string?)Write(RealtimeDialect.Ga, error)[0]["error"]!["code"]);

        var read = (ErrorRealtimeServerMessage)new ServerEventReader().Read(System.Text.Encoding.UTF8.GetBytes(
            $$$"""{"type":"error","event_id":"event_1","error":{"type":"invalid_request_error","code":"{{{wire}}}","message":"nope","event_id":"c1"}}"""))!;
        Assert.Equal(seam, read.Error!.ErrorCode);
    }

    [Fact]
    public void Voxgate_typed_events_are_written_with_their_GA_names_and_fields()
    {
        List<JsonObject> frames = Write(RealtimeDialect.Ga,
            new InputAudioBufferSpeechStartedRealtimeServerMessage("item_u", 120),
            new ConversationItemTruncatedRealtimeServerMessage("item_a", 420),
            new ResponseFunctionCallArgumentsRealtimeServerMessage(RealtimeMessageTypes.ResponseFunctionCallArgumentsDone, "call_1", "{}") { Name = "lookup", ItemId = "item_f", ResponseId = "resp_1" },
            new ResponseRealtimeServerMessage(RealtimeServerMessageType.ResponseDone) { ResponseId = "resp_1", Status = "cancelled", StatusReason = RealtimeResponseStatusReasons.TurnDetected, AdditionalProperties = new() { ["client_event_id"] = "e9" } });
        Assert.Equal(["input_audio_buffer.speech_started", "conversation.item.truncated", "response.function_call_arguments.done", "response.done"], frames.Select(f => (string)f["type"]!));
        Assert.Equal(120, (int)frames[0]["audio_start_ms"]!);
        Assert.Equal(420, (int)frames[1]["audio_end_ms"]!);
        Assert.Equal("lookup", (string?)frames[2]["name"]);
        Assert.Equal("turn_detected", (string?)frames[3]["response"]!["status_details"]!["reason"]);
        Assert.Equal("e9", (string?)frames[3]["response"]!["metadata"]!["client_event_id"]);
    }

    [Fact]
    public void An_upstream_event_without_a_type_is_relayed_whole()
    {
        var raw = new RealtimeServerMessage { Type = RealtimeServerMessageType.RawContentOnly, RawRepresentation = new JsonObject { ["type"] = "mcp_list_tools.completed", ["item_id"] = "mcp_1" } };
        JsonObject frame = Write(RealtimeDialect.Ga, raw)[0];
        Assert.Equal("mcp_list_tools.completed", (string?)frame["type"]);
        Assert.Equal("mcp_1", (string?)frame["item_id"]);
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
