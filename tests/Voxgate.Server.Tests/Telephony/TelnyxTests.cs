using System.Net.WebSockets;
using System.Text.Json;
using Voxgate.Server.Tests.Hosting;
using static Voxgate.Server.Tests.Telephony.PhoneTestSupport;

namespace Voxgate.Server.Tests.Telephony;

/// <summary>Telnyx: a whole call with the local engine over a stream whose frames arrive out of order.</summary>
public sealed class TelnyxTests
{
    [Fact]
    public async Task A_telnyx_call_with_frames_out_of_order_is_heard_put_back_in_order_and_answered()
    {
        await using TestServer server = await TestServer.StartAsync("--Telnyx:StreamAuthToken=s3cret");
        await using SimulatedCarrier telnyx = await SimulatedCarrier.CallAsync(MediaUri(server, "telnyx"), "telnyx", CallerNumber,
            configure: o => o.SetRequestHeader(Voxgate.Server.Telephony.Telnyx.TelnyxEndpoints.TokenHeader, "s3cret"));

        // Every fourth pair of frames swapped: the caller's audio only makes sense put back by sequence_number.
        telnyx.ReorderEvery = 4;
        await Task.Delay(300);
        await telnyx.SayAsync(await SpokenMuLawAsync("what are your opening hours"));
        await telnyx.WaitForReplyAsync();
        Assert.Empty(telnyx.Violations);
        Assert.Equal(telnyx.Received.Count(m => (string?)m["event"] == "media"), telnyx.Received.Count(m => (string?)m["event"] == "mark"));

        await telnyx.HangUpAsync();
        Assert.Equal(WebSocketCloseStatus.NormalClosure, telnyx.CloseStatus);
        JsonElement record = await RecordAsync(server, r => Ended(r) && r.GetProperty("call").GetProperty("hasRecording").GetBoolean());
        Assert.Equal("telnyx", record.GetProperty("call").GetProperty("transport").GetString());
        Assert.Equal("client_closed", record.GetProperty("call").GetProperty("endReason").GetString());

        // Telnyx's start names the caller: the record and the tools have the number.
        Assert.Equal(CallerNumber, record.GetProperty("caller").GetProperty("phone").GetString());
        JsonElement[] turns = [.. record.GetProperty("turns").EnumerateArray()];
        string asked = Assert.Single(turns, t => t.GetProperty("role").GetString() == "caller").GetProperty("text").GetString()!;
        JsonElement agent = Assert.Single(turns, t => t.GetProperty("role").GetString() == "agent");
        AssertHeard(agent.GetProperty("text").GetString()!, await HeardAsync(server, telnyx.Heard),
            $"the engine heard the caller say '{asked}'; {telnyx.Heard.Length / 8} ms on the line; agent turn {agent.GetRawText()}");
    }
}
