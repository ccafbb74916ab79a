using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Extensions.AI;
using Voxgate.Realtime.Abstractions;
using Voxgate.Realtime.Dialects;
using Voxgate.Realtime.Protocol;

namespace Voxgate.Realtime.Tests.Protocol;

public sealed class ClientEventReaderTests
{
    private static ClientEvent Read(string json, AudioInputFormat? format = null)
        => new ClientEventReader().Read(Encoding.UTF8.GetBytes(json), RealtimeDialect.Ga, format ?? AudioInputFormat.Pcm24k);

    [Fact]
    public void An_append_is_decoded_to_the_exact_bytes_in_the_session_format_with_its_event_id()
    {
        byte[] audio = [.. Enumerable.Range(0, 960).Select(i => (byte)i)];
        ClientEvent e = Read($$"""{"audio":"{{Convert.ToBase64String(audio)}}","event_id":"e1","type":"input_audio_buffer.append"}""");
        var append = Assert.IsType<InputAudioBufferAppendRealtimeClientMessage>(e.Message);
        Assert.Equal(audio, append.Content.Data.ToArray());
        Assert.Equal("audio/pcm", append.Content.MediaType);
        Assert.Equal("e1", append.MessageId);
    }

    [Fact]
    public void Escaped_slashes_in_base64_are_accepted()
    {
        byte[] audio = [0xFF, 0xFF, 0xFE, 0xFF];
        string base64 = Convert.ToBase64String(audio).Replace("/", "\\/", StringComparison.Ordinal);
        ClientEvent e = Read($$"""{"type":"input_audio_buffer.append","audio":"{{base64}}"}""");
        Assert.Equal(audio, Assert.IsType<InputAudioBufferAppendRealtimeClientMessage>(e.Message).Content.Data.ToArray());
    }

    [Theory]
    [InlineData("""{"type":"input_audio_buffer.append","event_id":"x","audio":"AAA"}""", "invalid_value", "audio")]
    [InlineData("""{"type":"input_audio_buffer.append","event_id":"x","audio":"AA=="}""", "invalid_value", "audio")]
    [InlineData("""{"type":"input_audio_buffer.append","event_id":"x","audio":"$$$$"}""", "invalid_value", "audio")]
    [InlineData("""{"type":"input_audio_buffer.append","event_id":"x","audio":[1]}""", "invalid_type", "audio")]
    [InlineData("""{"type":"input_audio_buffer.append","event_id":"x"}""", "missing_required_parameter", "audio")]
    [InlineData("""{"type":"bogus","event_id":"x"}""", "invalid_value", "type")]
    [InlineData("""{"event_id":"x"}""", "missing_required_parameter", "type")]
    [InlineData("""{"type":"conversation.item.truncate","event_id":"x","item_id":"i","audio_end_ms":"5"}""", "invalid_type", "audio_end_ms")]
    public void Bad_events_become_OpenAI_errors_with_the_client_event_id(string json, string code, string param)
    {
        ProtocolError error = Read(json).Error!.Value;
        Assert.Equal(code, error.Code);
        Assert.Equal(param, error.Param);
        Assert.Equal("x", error.EventId);
    }

    [Theory]
    [InlineData("not json")]
    [InlineData("{\"type\":")]
    [InlineData("[]")]
    [InlineData("{} {}")]
    public void Frames_that_are_not_one_JSON_object_are_invalid_json(string frame)
        => Assert.Equal("invalid_json", Read(frame).Error!.Value.Code);

    [Fact]
    public void G711_appends_may_have_an_odd_byte_count()
    {
        ClientEvent e = Read($$"""{"type":"input_audio_buffer.append","audio":"{{Convert.ToBase64String(new byte[161])}}"}""", new AudioInputFormat("audio/pcmu", 8000));
        Assert.Equal(161, Assert.IsType<InputAudioBufferAppendRealtimeClientMessage>(e.Message).Content.Data.Length);
    }

    [Fact]
    public void A_GA_session_update_maps_formats_voice_turn_detection_and_tools()
    {
        ClientEvent e = Read("""
            {"type":"session.update","session":{"type":"realtime","instructions":"Hi","output_modalities":["audio"],
             "audio":{"input":{"format":{"type":"audio/pcmu"},"turn_detection":{"type":"server_vad","threshold":0.7,"interrupt_response":false}},
                      "output":{"format":{"type":"audio/pcm","rate":24000},"voice":"marin"}},
             "tools":[{"type":"function","name":"lookup","description":"Looks up","parameters":{"type":"object","properties":{"q":{"type":"string"}}}}],
             "tool_choice":"required"}}
            """);
        RealtimeSessionOptions options = Assert.IsType<SessionUpdateRealtimeClientMessage>(e.Message).Options;
        Assert.Equal("audio/pcmu", options.InputAudioFormat!.MediaType);
        Assert.Equal(24000, options.OutputAudioFormat!.SampleRate);
        Assert.Equal("marin", options.Voice);
        Assert.Equal("Hi", options.Instructions);
        var turn = Assert.IsType<TurnDetectionOptions>(options.VoiceActivityDetection);
        Assert.False(turn.AllowInterruption);
        Assert.Equal(TurnDetectionKind.ServerVad, turn.Kind);
        Assert.Equal(0.7, turn.Threshold);
        Assert.Null(turn.SilenceDurationMs);
        AITool tool = Assert.Single(options.Tools!);
        Assert.Equal("lookup", tool.Name);
        Assert.False(tool is AIFunction, "a wire tool must be a declaration the client runs");
        Assert.IsType<RequiredChatToolMode>(options.ToolMode);
    }

    [Fact]
    public void Turning_turn_detection_off_is_manual_turns()
    {
        ClientEvent e = Read("""{"type":"session.update","session":{"type":"realtime","audio":{"input":{"turn_detection":null}}}}""");
        Assert.False(Assert.IsType<SessionUpdateRealtimeClientMessage>(e.Message).Options.VoiceActivityDetection!.Enabled);
    }

    [Fact]
    public void Items_map_to_function_results_and_messages_and_keep_where_they_go()
    {
        var result = Assert.IsType<InsertConversationItemRealtimeClientMessage>(Read("""
            {"type":"conversation.item.create","previous_item_id":"item_a","item":{"type":"function_call_output","call_id":"c1","output":"{\"ok\":true}"}}
            """).Message);
        var content = Assert.IsType<FunctionResultContent>(Assert.Single(result.Item!.Contents));
        Assert.Equal("c1", content.CallId);
        Assert.Equal("{\"ok\":true}", content.Result);
        Assert.Equal("item_a", result.PreviousItemId);

        var message = Assert.IsType<CreateConversationItemRealtimeClientMessage>(Read("""
            {"type":"conversation.item.create","item":{"id":"item_x","type":"message","role":"user","content":[{"type":"input_text","text":"hello"}]}}
            """).Message);
        Assert.Equal("item_x", message.Item!.Id);
        Assert.Equal("hello", Assert.IsType<TextContent>(Assert.Single(message.Item.Contents)).Text);
    }

    [Fact]
    public void A_response_create_carries_its_overrides_and_out_of_band_input()
    {
        var create = Assert.IsType<CreateResponseRealtimeClientMessage>(Read("""
            {"type":"response.create","response":{"instructions":"Short","conversation":"none","output_modalities":["text"],"max_output_tokens":50,
             "input":[{"type":"message","role":"user","content":[{"type":"input_text","text":"summarise"}]}],"metadata":{"topic":"x"}}}
            """).Message);
        Assert.Equal("Short", create.Instructions);
        Assert.True(create.ExcludeFromConversation);
        Assert.Equal(["text"], create.OutputModalities);
        Assert.Equal(50, create.MaxOutputTokens);
        Assert.Single(create.Items!);
        Assert.Equal("x", create.AdditionalProperties!["topic"]);
    }

    [Fact]
    public void Control_events_become_typed_messages()
    {
        var truncate = Assert.IsType<ConversationItemTruncateRealtimeClientMessage>(Read("""{"type":"conversation.item.truncate","item_id":"item_a","content_index":0,"audio_end_ms":420}""").Message);
        Assert.Equal(("item_a", 420L, 0), (truncate.ItemId, truncate.AudioEndMs, truncate.ContentIndex));
        Assert.Equal("resp_1", Assert.IsType<ResponseCancelRealtimeClientMessage>(Read("""{"type":"response.cancel","response_id":"resp_1"}""").Message).ResponseId);
        Assert.Null(Assert.IsType<ResponseCancelRealtimeClientMessage>(Read("""{"type":"response.cancel"}""").Message).ResponseId);
        Assert.IsType<InputAudioBufferClearRealtimeClientMessage>(Read("""{"type":"input_audio_buffer.clear"}""").Message);
        Assert.Equal("item_b", Assert.IsType<ConversationItemDeleteRealtimeClientMessage>(Read("""{"type":"conversation.item.delete","item_id":"item_b"}""").Message).ItemId);
        Assert.Equal("item_c", Assert.IsType<ConversationItemRetrieveRealtimeClientMessage>(Read("""{"type":"conversation.item.retrieve","item_id":"item_c"}""").Message).ItemId);
        Assert.IsType<CreateConversationItemRealtimeClientMessage>(Read("""{"type":"conversation.item.create","item":{"type":"message","role":"user","content":[{"type":"input_text","text":"hi"}]}}""").Message);
    }

    [Fact]
    public void Semantic_vad_and_all_server_vad_settings_are_read_typed()
    {
        var semantic = Assert.IsType<TurnDetectionOptions>(Assert.IsType<SessionUpdateRealtimeClientMessage>(Read("""
            {"type":"session.update","session":{"type":"realtime","audio":{"input":{"turn_detection":{"type":"semantic_vad","eagerness":"high","create_response":false}}}}}
            """).Message).Options.VoiceActivityDetection);
        Assert.Equal((TurnDetectionKind.SemanticVad, "high", (bool?)false), (semantic.Kind, semantic.Eagerness, semantic.CreateResponse));

        var server = Assert.IsType<TurnDetectionOptions>(Assert.IsType<SessionUpdateRealtimeClientMessage>(Read("""
            {"type":"session.update","session":{"type":"realtime","audio":{"input":{"turn_detection":{"type":"server_vad","threshold":0.55,"prefix_padding_ms":300,"silence_duration_ms":500,"idle_timeout_ms":6000}}}}}
            """).Message).Options.VoiceActivityDetection);
        Assert.Equal((0.55, 300, 500, 6000), (server.Threshold!.Value, server.PrefixPaddingMs!.Value, server.SilenceDurationMs!.Value, server.IdleTimeoutMs!.Value));
        Assert.Equal("invalid_value", Read("""{"type":"session.update","session":{"type":"realtime","audio":{"input":{"turn_detection":{"type":"semantic_vad","eagerness":"eager"}}}}}""").Error!.Value.Code);
    }

    [Fact]
    public void Appends_reuse_one_message_and_buffer_while_frames_keep_their_size()
    {
        var reader = new ClientEventReader();
        byte[] first = [.. Enumerable.Range(0, 960).Select(i => (byte)i)];
        byte[] second = [.. Enumerable.Range(0, 960).Select(i => (byte)(255 - i))];
        var a = (InputAudioBufferAppendRealtimeClientMessage)reader.Read(Encoding.UTF8.GetBytes($$"""{"type":"input_audio_buffer.append","audio":"{{Convert.ToBase64String(first)}}"}"""), RealtimeDialect.Ga, AudioInputFormat.Pcm24k).Message!;
        Assert.Equal(first, a.Content.Data.ToArray());
        var b = (InputAudioBufferAppendRealtimeClientMessage)reader.Read(Encoding.UTF8.GetBytes($$"""{"type":"input_audio_buffer.append","audio":"{{Convert.ToBase64String(second)}}"}"""), RealtimeDialect.Ga, AudioInputFormat.Pcm24k).Message!;
        Assert.Same(a, b);
        Assert.Equal(second, b.Content.Data.ToArray());
    }
}
