using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Extensions.AI;
using Voxgate.Realtime.Abstractions;
using Voxgate.Realtime.Dialects;
using Voxgate.Realtime.Protocol;

namespace Voxgate.Realtime.Tests.Protocol;

/// <summary>
/// The GA fields the clients send, read into typed messages and written out again as a remote upstream receives them:
/// what the local engine refuses (an image, an MCP tool) still reaches a model that can use it.
/// </summary>
public sealed class ClientEventRoundTripTests
{
    private static JsonObject RoundTrip(string json, out RealtimeClientMessage message)
    {
        ClientEvent read = new ClientEventReader().Read(Encoding.UTF8.GetBytes(json), RealtimeDialect.Ga, AudioInputFormat.Pcm24k);
        Assert.Null(read.Error);
        message = read.Message!;
        using var writer = new ClientEventWriter();
        return (JsonObject)JsonNode.Parse(writer.Write(message).Span)!;
    }

    [Fact]
    public void Session_fields_of_the_reasoning_models_and_MCP_tools_survive_the_seam()
    {
        JsonObject written = RoundTrip("""
            {"type":"session.update","session":{"type":"realtime","reasoning":{"effort":"high"},"parallel_tool_calls":false,
             "audio":{"input":{"noise_reduction":{"type":"far_field"}},"output":{"speed":1.25}},
             "tools":[{"type":"mcp","server_label":"wiki","server_url":"https://mcp.example/mcp","allowed_tools":["ask"],"require_approval":"never"}]}}
            """, out RealtimeClientMessage message);

        var options = Assert.IsType<ExtendedRealtimeSessionOptions>(((SessionUpdateRealtimeClientMessage)message).Options);
        Assert.Equal(("high", (bool?)false, 1.25, "far_field"), (options.ReasoningEffort, options.ParallelToolCalls, options.Speed, options.NoiseReduction));
        var mcp = Assert.IsType<HostedMcpServerTool>(Assert.Single(options.Tools!));
        Assert.Equal(("wiki", "https://mcp.example/mcp"), (mcp.ServerName, mcp.ServerAddress));

        JsonNode session = written["session"]!;
        Assert.Equal(("high", false, 1.25, "far_field"), ((string?)session["reasoning"]!["effort"], (bool)session["parallel_tool_calls"]!, (double)session["audio"]!["output"]!["speed"]!, (string?)session["audio"]!["input"]!["noise_reduction"]!["type"]));
        Assert.Equal(("mcp", "wiki", "https://mcp.example/mcp", "never"), ((string?)session["tools"]![0]!["type"], (string?)session["tools"]![0]!["server_label"], (string?)session["tools"]![0]!["server_url"], (string?)session["tools"]![0]!["require_approval"]));
        Assert.Equal(["ask"], session["tools"]![0]!["allowed_tools"]!.AsArray().Select(t => (string)t!));
    }

    [Fact]
    public void Images_transcripts_and_item_references_survive_the_seam()
    {
        const string Pixel = "data:image/png;base64,iVBORw0KGgo=";
        JsonObject item = RoundTrip($$$"""
            {"type":"conversation.item.create","item":{"type":"message","role":"user","content":[
              {"type":"input_image","image_url":"{{{Pixel}}}"},{"type":"input_audio","transcript":"hello there"},{"type":"input_image","image_url":"https://example.com/a.png"}]}}
            """, out RealtimeClientMessage created);
        IList<AIContent> contents = ((CreateConversationItemRealtimeClientMessage)created).Item!.Contents;
        Assert.Equal("image/png", Assert.IsType<DataContent>(contents[0]).MediaType);
        Assert.Equal("hello there", Assert.IsType<AudioTranscriptContent>(contents[1]).Transcript);
        Assert.IsType<UriContent>(contents[2]);
        JsonArray parts = item["item"]!["content"]!.AsArray();
        Assert.Equal((Pixel, "hello there", "https://example.com/a.png"), ((string?)parts[0]!["image_url"], (string?)parts[1]!["transcript"], (string?)parts[2]!["image_url"]));

        JsonObject response = RoundTrip("""{"type":"response.create","response":{"input":[{"type":"item_reference","id":"item_1"}],"metadata":{"client_event_id":"e1"}}}""", out RealtimeClientMessage asked);
        var request = (CreateResponseRealtimeClientMessage)asked;
        Assert.Equal("item_1", Assert.IsType<ConversationItemReference>(Assert.Single(request.Items!)).Id);
        Assert.Equal("e1", request.AdditionalProperties!["client_event_id"]);
        Assert.Equal(("item_reference", "item_1", "e1"), ((string?)response["response"]!["input"]![0]!["type"], (string?)response["response"]!["input"]![0]!["id"], (string?)response["response"]!["metadata"]!["client_event_id"]));
    }

    [Fact]
    public void A_transcription_session_update_is_typed_as_one()
    {
        JsonObject written = RoundTrip("""{"type":"session.update","session":{"type":"transcription","audio":{"input":{"transcription":{"model":"gpt-4o-transcribe","language":"en"},"turn_detection":null}}}}""", out RealtimeClientMessage message);
        RealtimeSessionOptions options = ((SessionUpdateRealtimeClientMessage)message).Options!;
        Assert.Equal(RealtimeSessionKind.Transcription, options.SessionKind);
        Assert.False(options.VoiceActivityDetection!.Enabled);
        Assert.Equal("transcription", (string?)written["session"]!["type"]);
    }
}
