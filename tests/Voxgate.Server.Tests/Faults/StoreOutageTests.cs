using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Voxgate.Calls.Recording;
using Voxgate.Calls.Tests.TestSupport;
using Voxgate.Server.Tests.Gateway;
using Voxgate.Server.Tests.Hosting;
using Voxgate.Server.Tests.TestSupport;

namespace Voxgate.Server.Tests.Faults;

/// <summary>The store going away mid-call: records wait in order and catch up; past the bound the loss is counted.</summary>
[Collection(PostgresTests.Name)]
public sealed class StoreOutageTests(PostgresServer postgres)
{
    private static string TypeOf(JsonObject e) => (string)e["type"]!;

    [Fact]
    public async Task Calls_during_a_store_outage_are_recorded_in_full_once_it_is_back()
    {
        string store = await postgres.CreateDatabaseAsync();
        await using OpenAIRealtimeStandIn standIn = await OpenAIRealtimeStandIn.StartAsync();
        await using TestServer voxgate = await TestServer.StartAsync(
            "--Upstream:Kind=custom", $"--Upstream:Endpoint=http://{standIn.Address.Authority}/v1", "--Upstream:ApiKey=sk-test",
            $"--Store:ConnectionString={store}", "--Store:OutageRetry=00:00:00.200");
        await using GatewayClient page = await GatewayClient.ConnectAsync(voxgate.Address);
        string callId = (string)(await page.WaitForTypeAsync("session.ready"))["session_id"]!;
        OpenAIRealtimeStandIn.Connection upstream = await standIn.WaitForConnectionAsync();

        await postgres.PauseAsync();
        try
        {
            // A whole turn while the store is away: the call itself does not notice.
            await upstream.PlayUserTurnAsync("what are your opening hours");
            byte[] reply = await TestSpeech.Pcm16Async("We are open from nine to five.");
            (_, string itemId) = await upstream.PlayReplyAsync("We are open from nine to five.", reply);
            await page.WaitForTypeAsync("response.done");
            await page.SendJsonAsync(new JsonObject { ["type"] = "playback", ["item_id"] = itemId, ["played_ms"] = reply.Length / 48 });
            await page.CloseAsync();
            await Task.Delay(1000);
            Assert.True(voxgate.Services.GetRequiredService<CallWriter>().BacklogDepth > 0, "nothing waited for the store");
        }
        finally
        {
            await postgres.ResumeAsync();
        }

        JsonElement record = await WaitForAsync(voxgate, callId, r => r.GetProperty("call").GetProperty("hasRecording").GetBoolean());
        Assert.Equal("client_closed", record.GetProperty("call").GetProperty("endReason").GetString());
        JsonElement[] turns = [.. record.GetProperty("turns").EnumerateArray()];
        Assert.Contains(turns, t => t.GetProperty("role").GetString() == "caller" && t.GetProperty("text").GetString() == "what are your opening hours");
        Assert.Contains(turns, t => t.GetProperty("role").GetString() == "agent" && t.GetProperty("text").GetString() == "We are open from nine to five.");
        CallWriter writer = voxgate.Services.GetRequiredService<CallWriter>();
        Assert.Equal(0, writer.BacklogDepth);
        Assert.Equal(0, writer.LostNotes);
    }

    [Fact]
    public async Task Past_the_backlog_bound_the_oldest_notes_are_dropped_and_counted()
    {
        string store = await postgres.CreateDatabaseAsync();
        await using TestServer voxgate = await TestServer.StartAsync(
            $"--Store:ConnectionString={store}", "--Store:OutageBacklog=100", "--Store:OutageRetry=00:00:00.200", "--Recording:Enabled=false");
        CallRecorder recorder = voxgate.Services.GetRequiredService<CallRecorder>();
        CallWriter writer = voxgate.Services.GetRequiredService<CallWriter>();

        await postgres.PauseAsync();
        try
        {
            ICallRecording call = recorder.Begin(new CallStart("browser", "local"));
            for (int turn = 0; turn < 150; turn++)
            {
                call.CallerSpeechStarted();
                call.CallerSpeechStopped();
                call.CallerTranscript($"turn {turn}");
            }

            call.End("client_closed", 1000);

            // 1 begin + 150 turns + 1 end (no recording, so no WAV's row): 100 wait, the oldest 52 are dropped and counted,
            // all before the store is back (after it, turns whose call's row was dropped are refused and count too).
            for (DateTime deadline = DateTime.UtcNow.AddSeconds(30); (writer.LostNotes < 52 || writer.BacklogDepth < 100) && DateTime.UtcNow < deadline;)
            {
                await Task.Delay(50);
            }

            Assert.Equal(52, writer.LostNotes);
            Assert.Equal(100, writer.BacklogDepth);
        }
        finally
        {
            await postgres.ResumeAsync();
        }

        for (DateTime deadline = DateTime.UtcNow.AddSeconds(30); writer.BacklogDepth > 0 && DateTime.UtcNow < deadline;)
        {
            await Task.Delay(50);
        }

        // The store takes what it can once back; notes it refuses for good (turns whose call's row was the first
        // dropped) are counted as lost too, never retried for ever.
        Assert.Equal(0, writer.BacklogDepth);
        Assert.InRange(writer.LostNotes, 52, 152);
    }

    private static async Task<JsonElement> WaitForAsync(TestServer server, string callId, Func<JsonElement, bool> ready)
    {
        JsonElement last = default;
        CallWriter writer = server.Services.GetRequiredService<CallWriter>();
        string status = "no answer";
        for (DateTime deadline = DateTime.UtcNow.AddSeconds(60); DateTime.UtcNow < deadline; await Task.Delay(200))
        {
            using HttpResponseMessage response = await server.Http.GetAsync(new Uri($"/api/calls/{callId}", UriKind.Relative));
            status = $"{(int)response.StatusCode}, {writer.BacklogDepth} waiting, {writer.LostNotes} lost";
            if (response.IsSuccessStatusCode)
            {
                last = await response.Content.ReadFromJsonAsync<JsonElement>();
                if (ready(last))
                {
                    return last;
                }
            }
        }

        throw new Xunit.Sdk.XunitException($"The record of {callId} never caught up ({status}): {last}");
    }
}
