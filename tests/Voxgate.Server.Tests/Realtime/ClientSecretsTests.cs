using System.Net;
using System.Net.Http.Headers;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json.Nodes;
using Voxgate.Server.Tests.Hosting;
using static Voxgate.Server.Tests.Realtime.RealtimeWireClient;

namespace Voxgate.Server.Tests.Realtime;

/// <summary><c>POST /v1/realtime/client_secrets</c> and the <c>ek_</c> secrets it mints, on real hosts.</summary>
public sealed class ClientSecretsTests
{
    private const string Key = "real-key-for-secrets";
    private const string Signing = "a signing key shared by the instances";

    [Fact]
    public async Task A_real_key_mints_a_secret_a_browser_opens_the_bound_session_with()
    {
        await using TestServer server = await TestServer.StartAsync($"--Realtime:ApiKeys:0={Key}", $"--Realtime:ClientSecretSigningKey={Signing}");
        (HttpStatusCode status, JsonObject body) = await MintAsync(server, Key, """
            {"expires_after":{"anchor":"created_at","seconds":60},
             "session":{"type":"realtime","model":"gpt-realtime","instructions":"You are the night desk.","audio":{"output":{"voice":"cedar"}}}}
            """);
        Assert.Equal(HttpStatusCode.OK, status);
        string secret = (string)body["value"]!;
        Assert.StartsWith("ek_", secret, StringComparison.Ordinal);
        Assert.InRange((long)body["expires_at"]!, DateTimeOffset.UtcNow.AddSeconds(50).ToUnixTimeSeconds(), DateTimeOffset.UtcNow.AddSeconds(70).ToUnixTimeSeconds());
        Assert.Equal(("realtime", "You are the night desk.", "cedar"), ((string?)body["session"]!["type"], (string?)body["session"]!["instructions"], (string?)body["session"]!["audio"]!["output"]!["voice"]));

        // As the Agents SDK does in a browser: subprotocols only, no headers; the secret's session is in force at once.
        await using RealtimeWireClient client = await ConnectAsync(server.Address, o =>
        {
            o.SetRequestHeader("Authorization", null);
            o.AddSubProtocol("realtime");
            o.AddSubProtocol("openai-insecure-api-key." + secret);
        });
        Assert.Equal("realtime", client.Socket.SubProtocol);
        JsonObject created = await client.WaitForTypeAsync("session.created");
        Assert.Equal(("You are the night desk.", "cedar", "gpt-realtime"), ((string?)created["session"]!["instructions"], (string?)created["session"]!["audio"]!["output"]!["voice"], (string?)created["session"]!["model"]));

        // A secret opens sessions, it does not mint more.
        Assert.Equal(HttpStatusCode.Unauthorized, (await MintAsync(server, secret, "{}")).Status);
    }

    [Fact]
    public async Task Bad_requests_get_OpenAIs_errors_by_parameter()
    {
        await using TestServer server = await TestServer.StartAsync($"--Realtime:ApiKeys:0={Key}");
        (HttpStatusCode status, JsonObject body) = await MintAsync(server, null, "{}");
        Assert.Equal((HttpStatusCode.Unauthorized, "invalid_api_key"), (status, (string?)body["error"]!["code"]));

        foreach ((string request, string code, string param) in new[]
        {
            ("""{"expires_after":{"seconds":5}}""", "invalid_value", "expires_after.seconds"),
            ("""{"expires_after":{"anchor":"now"}}""", "invalid_value", "expires_after.anchor"),
            ("""{"session":{"type":"realtime","voices":"x"}}""", "unknown_parameter", "session.voices"),
            ("""{"session":{"instructions":"hi"}}""", "missing_required_parameter", "session.type"),
        })
        {
            (status, body) = await MintAsync(server, Key, request);
            Assert.Equal(HttpStatusCode.BadRequest, status);
            Assert.Equal((code, param), ((string?)body["error"]!["code"], (string?)body["error"]!["param"]));
        }

        (status, body) = await MintAsync(server, Key, "not json");
        Assert.Equal((HttpStatusCode.BadRequest, "invalid_json"), (status, (string?)body["error"]!["code"]));
    }

    [Fact]
    public async Task Instances_sharing_the_signing_key_accept_each_others_secrets_and_a_forged_one_is_refused()
    {
        await using TestServer minting = await TestServer.StartAsync($"--Realtime:ApiKeys:0={Key}", $"--Realtime:ClientSecretSigningKey={Signing}");
        await using TestServer sibling = await TestServer.StartAsync($"--Realtime:ApiKeys:0=another-{Key}", $"--Realtime:ClientSecretSigningKey={Signing}");
        await using TestServer stranger = await TestServer.StartAsync($"--Realtime:ApiKeys:0={Key}", "--Realtime:ClientSecretSigningKey=not the shared signing key");
        string secret = (string)(await MintAsync(minting, Key, """{"session":{"type":"transcription"}}""")).Body["value"]!;

        // The sibling never saw this secret, yet accepts it, and opens the transcription session it binds.
        await using (RealtimeWireClient client = await ConnectAsync(sibling.Address, o => o.SetRequestHeader("Authorization", "Bearer " + secret), query: string.Empty))
        {
            Assert.Equal("transcription", (string?)(await client.WaitForTypeAsync("session.created"))["session"]!["type"]);
        }

        Assert.Equal(HttpStatusCode.Unauthorized, await UpgradeStatusAsync(stranger, secret));
        Assert.Equal(HttpStatusCode.Unauthorized, await UpgradeStatusAsync(minting, secret[..^4] + "AAAA"));

        // An open server (no keys) still checks a secret presented to it rather than wave a forged one through.
        await using TestServer open = await TestServer.StartAsync($"--Realtime:ClientSecretSigningKey={Signing}");
        Assert.Equal(HttpStatusCode.Unauthorized, await UpgradeStatusAsync(open, "ek_forged.AAAA"));
        Assert.Equal(HttpStatusCode.SwitchingProtocols, await UpgradeStatusAsync(open, secret));
    }

    private static async Task<(HttpStatusCode Status, JsonObject Body)> MintAsync(TestServer server, string? key, string body)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri("/v1/realtime/client_secrets", UriKind.Relative))
        {
            Content = new StringContent(body, Encoding.UTF8, "application/json"),
        };
        if (key is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", key);
        }

        using HttpResponseMessage response = await server.Http.SendAsync(request);
        return (response.StatusCode, (JsonObject)JsonNode.Parse(await response.Content.ReadAsStringAsync())!);
    }

    private static async Task<HttpStatusCode> UpgradeStatusAsync(TestServer server, string secret)
    {
        using var socket = new ClientWebSocket();
        socket.Options.CollectHttpResponseDetails = true;
        socket.Options.SetRequestHeader("Authorization", "Bearer " + secret);
        try
        {
            await socket.ConnectAsync(new Uri($"ws://{server.Address.Authority}/v1/realtime?model=gpt-realtime"), CancellationToken.None);
        }
        catch (WebSocketException)
        {
        }

        return socket.HttpStatusCode;
    }
}
