using System.Net;
using System.Net.WebSockets;
using System.Text.Json;
using System.Xml.Linq;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Primitives;
using Voxgate.Audio;
using Voxgate.Server.Hosting;
using Voxgate.Server.Telephony;
using Voxgate.Server.Telephony.Twilio;
using Voxgate.Server.Tests.Hosting;
using Voxgate.Speech.Engine;
using static Voxgate.Server.Tests.Telephony.PhoneTestSupport;

namespace Voxgate.Server.Tests.Telephony;

/// <summary>Twilio: the signed voice webhook and its TwiML, the signed stream handshake, and a whole call with the local engine.</summary>
public sealed class TwilioTests
{
    private static readonly string[] Signed = [$"--Twilio:AuthToken={AuthToken}", $"--Telephony:PublicUrl=https://{PublicHost}"];

    private static readonly Dictionary<string, string> IncomingCall = new()
    {
        ["CallSid"] = "CA0123456789abcdef0123456789abcdef",
        ["AccountSid"] = "AC0123456789abcdef0123456789abcdef",
        ["From"] = CallerNumber,
        ["To"] = "+15550006000",
        ["CallStatus"] = "ringing",
        ["Direction"] = "inbound",
    };

    [Fact]
    public void The_signature_check_accepts_Twilios_documented_test_vector_and_nothing_altered()
    {
        // twilio.com/docs/usage/webhooks/webhooks-security: this URL, these parameters and token 12345 sign as below.
        var parameters = new Dictionary<string, StringValues>
        {
            ["CallSid"] = "CA1234567890ABCDE",
            ["Caller"] = "+14158675310",
            ["Digits"] = "1234",
            ["From"] = "+14158675310",
            ["To"] = "+18005551212",
        };
        var signature = new TwilioSignature(Options.Create(new TwilioOptions { AuthToken = "12345" }), Options.Create(new TelephonyOptions { PublicUrl = new Uri("https://example.com") }));

        string? Check(Dictionary<string, StringValues> form, string header)
        {
            var context = new DefaultHttpContext();
            context.Request.Path = "/myapp.php";
            context.Request.QueryString = new QueryString("?foo=1&bar=2");
            context.Request.Headers[TwilioSignature.Header] = header;
            return signature.CheckWebhook(context.Request, new FormCollection(form));
        }

        Assert.Null(Check(parameters, "L/OH5YylLD5NRKLltdqwSvS0BnU="));
        Assert.Equal("L/OH5YylLD5NRKLltdqwSvS0BnU=", Sign("https://example.com/myapp.php?foo=1&bar=2", parameters.Select(p => KeyValuePair.Create(p.Key, p.Value.ToString())), token: "12345"));
        Assert.NotNull(Check(new(parameters) { ["Digits"] = "1235" }, "L/OH5YylLD5NRKLltdqwSvS0BnU="));
        Assert.NotNull(Check(parameters, "L/OH5YylLD5NRKLltdqwSvS0BnV="));
        Assert.NotNull(Check(parameters, ""));
    }

    [Fact]
    public async Task The_voice_webhook_answers_TwiML_that_connects_a_stream_to_the_public_host_with_the_caller_as_a_parameter()
    {
        await using TestServer server = await TestServer.StartAsync(Signed);
        using HttpResponseMessage response = await PostVoiceAsync(server, IncomingCall, Sign($"https://{PublicHost}/twilio/voice", IncomingCall));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/xml", response.Content.Headers.ContentType?.MediaType);
        XElement twiml = XDocument.Parse(await response.Content.ReadAsStringAsync()).Root!;
        Assert.Equal("Response", twiml.Name.LocalName);
        XElement connect = Assert.Single(twiml.Elements());
        Assert.Equal("Connect", connect.Name.LocalName);
        XElement stream = Assert.Single(connect.Elements());
        Assert.Equal("Stream", stream.Name.LocalName);
        Assert.Equal($"wss://{PublicHost}/twilio/media", (string?)stream.Attribute("url"));
        Dictionary<string, string> parameters = stream.Elements().ToDictionary(p => (string)p.Attribute("name")!, p => (string)p.Attribute("value")!);
        Assert.Equal(CallerNumber, parameters["From"]);
        Assert.Equal("+15550006000", parameters["To"]);
    }

    [Theory]
    [InlineData("no signature")]
    [InlineData("wrong signature")]
    [InlineData("signed for another host")]
    [InlineData("signed with another token")]
    public async Task A_webhook_without_a_good_signature_is_refused_with_403(string what)
    {
        await using TestServer server = await TestServer.StartAsync(Signed);
        string? signature = what switch
        {
            "no signature" => null,
            "wrong signature" => "bm90IGEgc2lnbmF0dXJl",
            "signed for another host" => Sign("https://attacker.example/twilio/voice", IncomingCall),
            _ => Sign($"https://{PublicHost}/twilio/voice", IncomingCall, token: "another-token"),
        };

        using HttpResponseMessage response = await PostVoiceAsync(server, IncomingCall, signature);
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Fact]
    public async Task Without_a_token_the_endpoints_answer_only_with_AllowUnsigned()
    {
        await using (TestServer closed = await TestServer.StartAsync())
        {
            using HttpResponseMessage refused = await PostVoiceAsync(closed, IncomingCall, null);
            Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
            Assert.Equal(HttpStatusCode.Forbidden, await HandshakeStatusAsync(closed, null));
        }

        await using TestServer open = await TestServer.StartAsync("--Telephony:AllowUnsigned=true");
        using HttpResponseMessage answered = await PostVoiceAsync(open, IncomingCall, null);
        Assert.Equal(HttpStatusCode.OK, answered.StatusCode);

        // Without a public URL the stream is on the host Twilio called.
        string url = (string)XDocument.Parse(await answered.Content.ReadAsStringAsync()).Descendants().Single(e => e.Name.LocalName == "Stream").Attribute("url")!;
        Assert.Equal($"ws://{open.Address.Authority}/twilio/media", url);
    }

    [Fact]
    public async Task A_stream_handshake_without_a_good_signature_gets_403_before_any_upgrade()
    {
        await using TestServer server = await TestServer.StartAsync(Signed);
        Assert.Equal(HttpStatusCode.Forbidden, await HandshakeStatusAsync(server, null));
        Assert.Equal(HttpStatusCode.Forbidden, await HandshakeStatusAsync(server, Sign($"wss://{PublicHost}/ws")));
        Assert.Equal(HttpStatusCode.SwitchingProtocols, await HandshakeStatusAsync(server, Sign($"wss://{PublicHost}/twilio/media")));

        // Twilio's docs: the handshake may be signed with a trailing slash.
        Assert.Equal(HttpStatusCode.SwitchingProtocols, await HandshakeStatusAsync(server, Sign($"wss://{PublicHost}/twilio/media/")));
    }

    [Theory]
    [InlineData("--Twilio:AuthToken=t", "Telephony:PublicUrl is required")]
    [InlineData("--Telephony:PublicUrl=ftp://voice.example.test", "Telephony:PublicUrl must be an absolute https URL")]
    [InlineData("--Telephony:PublicUrl=https://voice.example.test/?a=1", "no query")]
    [InlineData("--Telephony:MediaChunkMs=5", "MediaChunkMs")]
    [InlineData("--Telephony:PlaybackLeadMs=0", "PlaybackLeadMs")]
    public async Task A_wrong_telephony_setting_stops_the_start_naming_it(string setting, string named)
    {
        WebApplication app = VoxgateHost.Build(["--Logging:LogLevel:Default=None", setting], "http://127.0.0.1:0", new Dictionary<string, string>());
        await using (app)
        {
            var error = await Assert.ThrowsAsync<OptionsValidationException>(() => app.StartAsync());
            Assert.Contains(named, error.Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task A_phone_call_through_the_local_engine_is_answered_in_words_heard_on_the_line_and_becomes_a_complete_record()
    {
        await using TestServer server = await TestServer.StartAsync(Signed);

        // Twilio calls the webhook, then opens the stream the TwiML names, with its parameters.
        using HttpResponseMessage answer = await PostVoiceAsync(server, IncomingCall, Sign($"https://{PublicHost}/twilio/voice", IncomingCall));
        XElement stream = XDocument.Parse(await answer.Content.ReadAsStringAsync()).Descendants().Single(e => e.Name.LocalName == "Stream");
        string streamUrl = (string)stream.Attribute("url")!;
        Dictionary<string, string> parameters = stream.Elements().ToDictionary(p => (string)p.Attribute("name")!, p => (string)p.Attribute("value")!);
        await using SimulatedCarrier twilio = await SimulatedCarrier.CallAsync(MediaUri(server, "twilio"), "twilio", CallerNumber, parameters,
            o => o.SetRequestHeader(TwilioSignature.Header, Sign(streamUrl)));

        await Task.Delay(300);
        await twilio.SayAsync(await SpokenMuLawAsync("what are your opening hours"));
        await twilio.WaitForReplyAsync();

        // Every chunk was followed by a mark, echoed as it played, and every message named the stream.
        Assert.Empty(twilio.Violations);
        Assert.Equal(twilio.Received.Count(m => (string?)m["event"] == "media"), twilio.Received.Count(m => (string?)m["event"] == "mark"));
        Assert.NotEmpty(twilio.EchoedMarks);
        Assert.Equal(twilio.PlayedBytes, twilio.Received.Where(m => (string?)m["event"] == "media").Sum(m => Convert.FromBase64String((string)m["media"]!["payload"]!).Length));

        // Paced near real time: the reply's media arrived over about as long as it plays, not in one burst.
        long[] arrivals = [.. twilio.Received.Where(m => (string?)m["event"] == "media").Select(m => (long)m["at_ms"]!)];
        long replyMs = twilio.PlayedBytes / 8;
        Assert.InRange(arrivals[^1] - arrivals[0], replyMs - 600, replyMs + 2000);

        await twilio.HangUpAsync();
        Assert.Equal(WebSocketCloseStatus.NormalClosure, twilio.CloseStatus);

        JsonElement record = await RecordAsync(server, r => Ended(r) && r.GetProperty("call").GetProperty("hasRecording").GetBoolean());
        JsonElement call = record.GetProperty("call");
        Assert.Equal("twilio", call.GetProperty("transport").GetString());
        Assert.Equal("client_closed", call.GetProperty("endReason").GetString());
        Assert.Equal(1000, call.GetProperty("closeCode").GetInt32());
        Assert.Equal(CallerNumber, record.GetProperty("caller").GetProperty("phone").GetString());
        JsonElement[] turns = [.. record.GetProperty("turns").EnumerateArray()];
        string asked = Assert.Single(turns, t => t.GetProperty("role").GetString() == "caller").GetProperty("text").GetString()!;
        Assert.NotEmpty(asked);
        JsonElement agent = Assert.Single(turns, t => t.GetProperty("role").GetString() == "agent");
        JsonElement latency = agent.GetProperty("latency");
        Assert.InRange(latency.GetProperty("heardMs").GetInt64(), latency.GetProperty("sentMs").GetInt64(), latency.GetProperty("sentMs").GetInt64() + 2000);

        // What the caller heard on the line is what the agent said, as the recogniser hears the µ-law.
        string said = agent.GetProperty("text").GetString()!;
        string heard = await HeardAsync(server, twilio.Heard);
        AssertHeard(said, heard, $"the engine heard the caller say '{asked}'; {twilio.Heard.Length / 8} ms on the line; agent turn {agent.GetRawText()}");

        // The recording: the caller left and the agent right, from the line's 8 kHz, both with sound.
        using HttpResponseMessage wav = await server.Http.GetAsync(new Uri($"/api/calls/{call.GetProperty("id").GetString()}/recording", UriKind.Relative));
        wav.EnsureSuccessStatusCode();
        string file = Path.GetTempFileName();
        try
        {
            await File.WriteAllBytesAsync(file, await wav.Content.ReadAsByteArrayAsync());
            AudioClip clip = WavFile.Read(file);
            Assert.Equal(2, clip.Channels);
            Assert.True(LevelMeter.Measure([.. clip.Samples.Where((_, i) => i % 2 == 0)]).PeakDbfs > -20, "the caller's channel is silent");
            Assert.True(LevelMeter.Measure([.. clip.Samples.Where((_, i) => i % 2 == 1)]).PeakDbfs > -20, "the agent's channel is silent");
        }
        finally
        {
            File.Delete(file);
        }
    }

    private static async Task<HttpResponseMessage> PostVoiceAsync(TestServer server, Dictionary<string, string> form, string? signature)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri("/twilio/voice", UriKind.Relative)) { Content = new FormUrlEncodedContent(form) };
        if (signature is not null)
        {
            request.Headers.Add(TwilioSignature.Header, signature);
        }

        return await server.Http.SendAsync(request);
    }

    private static async Task<HttpStatusCode> HandshakeStatusAsync(TestServer server, string? signature)
    {
        using var socket = new ClientWebSocket();
        socket.Options.CollectHttpResponseDetails = true;
        if (signature is not null)
        {
            socket.Options.SetRequestHeader(TwilioSignature.Header, signature);
        }

        try
        {
            await socket.ConnectAsync(MediaUri(server, "twilio"), CancellationToken.None);
        }
        catch (WebSocketException)
        {
        }

        return socket.HttpStatusCode;
    }
}
