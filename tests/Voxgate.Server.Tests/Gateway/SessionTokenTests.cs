using System.Net.WebSockets;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Options;
using Voxgate.Server.Gateway;
using Voxgate.Server.Tests.Hosting;

namespace Voxgate.Server.Tests.Gateway;

/// <summary>Session tokens expire, and instances that share a secret accept each other's.</summary>
public sealed class SessionTokenTests
{
    private const string Secret = "shared-between-instances";

    [Fact]
    public async Task A_token_minted_by_one_instance_opens_another_with_the_same_secret_and_no_other()
    {
        await using TestServer minter = await TestServer.StartAsync("--Gateway:ClientTokens:0=client", $"--Gateway:SessionTokenSecret={Secret}");
        await using TestServer sibling = await TestServer.StartAsync("--Gateway:ClientTokens:0=client", $"--Gateway:SessionTokenSecret={Secret}");
        await using TestServer stranger = await TestServer.StartAsync("--Gateway:ClientTokens:0=client", "--Gateway:SessionTokenSecret=another-secret");

        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/session");
        request.Headers.Authorization = new("Bearer", "client");
        using HttpResponseMessage minted = await minter.Http.SendAsync(request);
        string token = (string)JsonNode.Parse(await minted.Content.ReadAsStringAsync())!["token"]!;

        await using (GatewayClient page = await GatewayClient.ConnectAsync(sibling.Address, "token=" + token))
        {
            await page.WaitForTypeAsync("session.ready");
        }

        var refused = await Assert.ThrowsAsync<WebSocketException>(() => GatewayClient.ConnectAsync(stranger.Address, "token=" + token));
        Assert.Contains("401", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_expired_token_is_refused_before_the_upgrade()
    {
        await using TestServer server = await TestServer.StartAsync("--Gateway:ClientTokens:0=client", $"--Gateway:SessionTokenSecret={Secret}");
        var options = Options.Create(new GatewayOptions { SessionTokenSecret = Secret, SessionTokenLifetime = TimeSpan.FromMinutes(2) });
        string expired = new SessionTokens(options, new ShiftedTime(TimeSpan.FromMinutes(-10))).Issue().Token;
        string fresh = new SessionTokens(options, TimeProvider.System).Issue().Token;

        var refused = await Assert.ThrowsAsync<WebSocketException>(() => GatewayClient.ConnectAsync(server.Address, "token=" + expired));
        Assert.Contains("401", refused.Message, StringComparison.Ordinal);
        await using GatewayClient page = await GatewayClient.ConnectAsync(server.Address, "token=" + fresh);
        await page.WaitForTypeAsync("session.ready");
    }

    [Theory]
    [InlineData("not*base64url!")]
    [InlineData("%00%01")]
    [InlineData("AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")]
    public async Task A_malformed_token_is_a_plain_401(string token)
    {
        await using TestServer server = await TestServer.StartAsync("--Gateway:ClientTokens:0=client", $"--Gateway:SessionTokenSecret={Secret}");
        var refused = await Assert.ThrowsAsync<WebSocketException>(() => GatewayClient.ConnectAsync(server.Address, "token=" + token));
        Assert.Contains("401", refused.Message, StringComparison.Ordinal);
    }

    /// <summary>A clock that runs at the real speed, shifted by a fixed amount.</summary>
    private sealed class ShiftedTime(TimeSpan shift) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => base.GetUtcNow().Add(shift);
    }
}
