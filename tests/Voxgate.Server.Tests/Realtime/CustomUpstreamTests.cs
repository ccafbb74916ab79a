using System.Text.Json.Nodes;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using Voxgate.Server.Tests.Hosting;
using Voxgate.Server.Tests.TestSupport;
using Voxgate.Realtime.Client;
using Voxgate.Server.Upstream;
using static Voxgate.Server.Tests.Realtime.RealtimeWireClient;

namespace Voxgate.Server.Tests.Realtime;

/// <summary>A Voxgate whose upstream is another Voxgate's <c>/v1/realtime</c>, through Voxgate's WebSocket upstream client.</summary>
[Collection(SharedRealtimeServer.Name)]
public sealed class CustomUpstreamTests(RealtimeServerFixture fixture)
{
    [Fact]
    public async Task A_spoken_turn_goes_through_the_MEAI_upstream_to_another_Voxgate_and_back_out_of_its_own_endpoint()
    {
        await using TestServer front = await TestServer.StartAsync(
            "--Upstream:Kind=custom", $"--Upstream:Endpoint=http://{fixture.Address.Authority}/v1", $"--Upstream:ApiKey={RealtimeServerFixture.Key}", "--Upstream:Voice=alloy");
        UpstreamInfo upstream = front.Services.GetRequiredService<UpstreamInfo>();
        Assert.Equal(UpstreamKind.Custom, upstream.Kind);
        Assert.NotNull(front.Services.GetRequiredService<IRealtimeClient>().GetService(typeof(WebSocketRealtimeClient)));

        // A raw client on the front host; its events come from the back host through Voxgate's own upstream client.
        await using RealtimeWireClient client = await ConnectAsync(front.Address);
        JsonObject created = await client.WaitForTypeAsync("session.created");
        Assert.Equal("session.created", TypeOf(client.Events[0]));
        Assert.StartsWith("sess_", (string?)created["session"]!["id"], StringComparison.Ordinal);
        await client.SendSilenceAsync(300);
        await client.SendAudioAsync(await TestSpeech.Pcm16Async("what are your opening hours"));
        JsonObject done = await client.SendSilenceUntilAsync(e => TypeOf(e) == "response.done");

        Assert.Equal("completed", (string?)done["response"]!["status"]);
        Assert.Contains("opening hours", (string?)(await client.WaitForTypeAsync("conversation.item.input_audio_transcription.completed"))["transcript"], StringComparison.Ordinal);
        string said = (string)client.Find(e => TypeOf(e) == "response.output_audio_transcript.done")!["transcript"]!;
        Assert.Contains("open", said, StringComparison.OrdinalIgnoreCase);
        Assert.True(client.AudioOf((string)done["response"]!["id"]!).Length > 24000 * 2, "less than a second of audio");
        Assert.NotNull(client.Find(e => TypeOf(e) == "input_audio_buffer.speech_started"));
        Assert.DoesNotContain(client.Events, e => TypeOf(e) == "error");
    }
}
