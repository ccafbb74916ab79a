using System.Net.WebSockets;
using System.Text;
using System.Text.Json.Nodes;
using Voxgate.Server.Tests.Hosting;

namespace Voxgate.Server.Tests.Realtime;

/// <summary>The <c>/v1/realtime</c> settings that end or refuse sessions.</summary>
public sealed class RealtimeLimitsTests
{
    [Fact]
    public async Task With_the_beta_dialect_off_a_beta_client_gets_beta_api_shape_disabled_and_close_4000()
    {
        await using TestServer server = await TestServer.StartAsync("--Realtime:AllowBetaDialect=false");
        using var socket = new ClientWebSocket();
        socket.Options.SetRequestHeader("OpenAI-Beta", "realtime=v1");
        await socket.ConnectAsync(new Uri($"ws://{server.Address.Authority}/v1/realtime?model=gpt-4o-realtime-preview"), CancellationToken.None);

        (List<JsonObject> events, WebSocketCloseStatus? status) = await ReadToCloseAsync(socket, TimeSpan.FromSeconds(10));
        Assert.Equal((WebSocketCloseStatus)4000, status);
        JsonObject error = Assert.Single(events);
        Assert.Equal("beta_api_shape_disabled", (string?)error["error"]!["code"]);
    }

    [Fact]
    public async Task A_session_past_its_maximum_duration_gets_session_expired_and_close_1001()
    {
        await using TestServer server = await TestServer.StartAsync("--Realtime:MaxSessionDuration=00:00:01");
        using var socket = new ClientWebSocket();
        await socket.ConnectAsync(new Uri($"ws://{server.Address.Authority}/v1/realtime?model=gpt-realtime"), CancellationToken.None);
        long opened = Environment.TickCount64;

        (List<JsonObject> events, WebSocketCloseStatus? status) = await ReadToCloseAsync(socket, TimeSpan.FromSeconds(15));
        Assert.Equal(WebSocketCloseStatus.EndpointUnavailable, status);
        Assert.True(Environment.TickCount64 - opened >= 900, "The session was closed before its maximum duration.");
        Assert.Equal("session.created", (string?)events[0]["type"]);
        JsonObject expired = events.Last(e => (string?)e["type"] == "error");
        Assert.Equal("session_expired", (string?)expired["error"]!["code"]);
        Assert.Contains("maximum duration", (string?)expired["error"]!["message"], StringComparison.Ordinal);
    }

    private static async Task<(List<JsonObject> Events, WebSocketCloseStatus? Status)> ReadToCloseAsync(ClientWebSocket socket, TimeSpan timeout)
    {
        var events = new List<JsonObject>();
        var buffer = new byte[1 << 20];
        using var deadline = new CancellationTokenSource(timeout);
        while (true)
        {
            int count = 0;
            WebSocketReceiveResult result;
            do
            {
                result = await socket.ReceiveAsync(new ArraySegment<byte>(buffer, count, buffer.Length - count), deadline.Token);
                count += result.Count;
            }
            while (!result.EndOfMessage);

            if (result.MessageType == WebSocketMessageType.Close)
            {
                return (events, socket.CloseStatus);
            }

            events.Add((JsonObject)JsonNode.Parse(Encoding.UTF8.GetString(buffer, 0, count))!);
        }
    }
}
