using System.Net.Http.Json;
using System.Net.WebSockets;
using System.Text.Json;
using System.Text.Json.Nodes;
using Voxgate.Server.Tests.Gateway;
using Voxgate.Server.Tests.Hosting;
using Voxgate.Server.Tests.TestSupport;

namespace Voxgate.Server.Tests.Faults;

/// <summary>Stopping the server with calls on: every caller is told and closed with 1001, and every record is finished.</summary>
public sealed class ShutdownTests
{
    [Fact]
    public async Task Stopping_tells_each_caller_server_stopping_closes_with_1001_and_finishes_every_record()
    {
        string data = Directory.CreateTempSubdirectory("voxgate-stop-").FullName;
        string[] store = [$"--Store:SqlitePath={data}/voxgate.db", $"--Recording:Folder={data}/recordings"];
        try
        {
            await using OpenAIRealtimeStandIn standIn = await OpenAIRealtimeStandIn.StartAsync();
            TestServer voxgate = await TestServer.StartAsync(["--Upstream:Kind=custom", $"--Upstream:Endpoint=http://{standIn.Address.Authority}/v1", "--Upstream:ApiKey=sk-test", .. store]);
            await using GatewayClient quiet = await GatewayClient.ConnectAsync(voxgate.Address);
            await using GatewayClient talking = await GatewayClient.ConnectAsync(voxgate.Address);
            string[] ids = [(string)(await quiet.WaitForTypeAsync("session.ready"))["session_id"]!, (string)(await talking.WaitForTypeAsync("session.ready"))["session_id"]!];
            OpenAIRealtimeStandIn.Connection upstream = await standIn.WaitForConnectionAsync(1);
            await upstream.PlayReplyAsync("A long answer that is still being spoken…", await TestSpeech.Pcm16Async("A long answer that is still being spoken."), finish: false);
            await talking.WaitForTypeAsync("audio.started");

            long stopping = Environment.TickCount64;
            await voxgate.DisposeAsync();
            Assert.InRange(Environment.TickCount64 - stopping, 0, 12_000);
            foreach (GatewayClient page in (GatewayClient[])[quiet, talking])
            {
                Assert.Equal(WebSocketCloseStatus.EndpointUnavailable, await page.WaitForCloseAsync(TimeSpan.FromSeconds(5)));
                JsonObject error = page.Events.Last(e => (string?)e["type"] == "error");
                Assert.Equal("server_stopping", (string?)error["code"]);
            }

            // The next start finds both calls finished by the stop itself, not by its own clean-up.
            await using TestServer next = await TestServer.StartAsync(store);
            foreach (string id in ids)
            {
                JsonElement record = await next.Http.GetFromJsonAsync<JsonElement>($"/api/calls/{id}");
                Assert.Equal("server_stopping", record.GetProperty("call").GetProperty("endReason").GetString());
                Assert.Equal(1001, record.GetProperty("call").GetProperty("closeCode").GetInt32());
            }
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            try
            {
                Directory.Delete(data, recursive: true);
            }
            catch (IOException)
            {
                // A recording still being finished: clean-up must not hide what the test found.
            }
        }
    }
}
