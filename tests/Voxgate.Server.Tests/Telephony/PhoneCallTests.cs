using System.Net;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Voxgate.Server.Telephony.Telnyx;
using Voxgate.Server.Tests.Hosting;
using Voxgate.Server.Tests.TestSupport;
using static Voxgate.Server.Tests.Telephony.PhoneTestSupport;

namespace Voxgate.Server.Tests.Telephony;

/// <summary>
/// Phone calls on either carrier against the OpenAI stand-in upstream, which records what Voxgate sends: µ-law end to
/// end, barge-in cut at the marked milliseconds, keys as text, the agent hanging up, and malformed carrier messages.
/// </summary>
public sealed class PhoneCallTests
{
    private const string LongReply = "Our opening hours are nine in the morning to five in the evening, Monday to Friday, and ten in the morning to two in the afternoon on Saturdays.";

    private static Task<TestServer> StartAsync(OpenAIRealtimeStandIn standIn, params string[] more)
        => TestServer.StartAsync(["--Upstream:Kind=custom", $"--Upstream:Endpoint=http://{standIn.Address.Authority}/v1", "--Upstream:ApiKey=sk-test-key", "--Telephony:AllowUnsigned=true", .. more]);

    private static Task<SimulatedCarrier> CallAsync(TestServer server, string carrier)
        => SimulatedCarrier.CallAsync(MediaUri(server, carrier), carrier, CallerNumber, new Dictionary<string, string> { ["From"] = CallerNumber });

    [Theory]
    [InlineData("twilio")]
    [InlineData("telnyx")]
    public async Task Barge_in_clears_the_carrier_and_truncates_at_the_marked_milliseconds_and_late_audio_is_dropped(string carrier)
    {
        await using OpenAIRealtimeStandIn standIn = await OpenAIRealtimeStandIn.StartAsync();
        await using TestServer server = await StartAsync(standIn);
        await using SimulatedCarrier phone = await CallAsync(server, carrier);
        OpenAIRealtimeStandIn.Connection upstream = await standIn.WaitForConnectionAsync();

        // The upstream is asked for G.711 µ-law both ways: no transcoding anywhere.
        JsonNode audio = (await upstream.WaitForAsync("session.update"))["session"]!["audio"]!;
        Assert.Equal("audio/pcmu", (string?)audio["input"]!["format"]!["type"]);
        Assert.Equal("audio/pcmu", (string?)audio["output"]!["format"]!["type"]);
        // The stand-in answers the update a moment after it has been read: wait for the answer, then check it was no error.
        await WaitUntilAsync(() => upstream.Sent.Any(e => (string?)e["type"] is "session.updated" or "error"));
        Assert.Contains(upstream.Sent, e => (string?)e["type"] == "session.updated");
        Assert.DoesNotContain(upstream.Sent, e => (string?)e["type"] == "error");

        byte[] reply = await SpokenMuLawAsync(LongReply);
        (_, string itemId) = await upstream.PlayReplyAsync(LongReply, reply, finish: false);
        await WaitUntilAsync(() => phone.PlayedBytes >= 8 * 1200);

        // Paced: the carrier holds only a small lead (200 ms) beyond what it has played, never the whole reply.
        Assert.InRange(SentMs(phone) - MarkedMs(phone.EchoedMarks[^1], itemId), 0, 200 + 40 + 100);

        // The line stalls: nothing more is confirmed, while Voxgate goes on sending at real time.
        phone.HoldPlayback();
        await Task.Delay(500);
        long confirmed = MarkedMs(phone.EchoedMarks[^1], itemId);
        long sentBeforeClear = SentMs(phone);
        Assert.True(sentBeforeClear > confirmed + 50, $"sent {sentBeforeClear} ms, confirmed {confirmed} ms");

        // The caller speaks over the reply; the upstream's VAD hears it.
        Task speaking = phone.SayAsync(await SpokenMuLawAsync("wait a moment please"));
        int mark = upstream.Received.Count;
        await upstream.SpeechStartedAsync();
        JsonObject truncate = await upstream.WaitForAsync("conversation.item.truncate", mark);
        JsonObject clear = await phone.WaitForAsync(m => (string?)m["event"] == "clear");

        Assert.Equal(itemId, (string?)truncate["item_id"]);
        Assert.Equal(0, (int)truncate["content_index"]!);
        Assert.Equal(Math.Min(sentBeforeClear, confirmed + 50), (long)truncate["audio_end_ms"]!);

        // What the cut reply still streams, and the marks the clear sent back, change nothing.
        await upstream.PlayMoreAudioAsync(reply[..4800]);
        await upstream.FinishResponseAsync("cancelled", "turn_detected");
        phone.ResumePlayback();
        await speaking;
        int clearAt = phone.Received.ToList().IndexOf(clear);
        Assert.DoesNotContain(phone.Received.Skip(clearAt), m => (string?)m["event"] == "media");
        await WaitUntilAsync(() => upstream.Sent.Any(e => (string?)e["type"] == "conversation.item.truncated"));
        Assert.DoesNotContain(upstream.Sent, e => (string?)e["type"] == "error");
        Assert.Empty(phone.Violations);

        await phone.HangUpAsync();
        JsonElement record = await RecordAsync(server, Ended);
        JsonElement agent = record.GetProperty("turns").EnumerateArray().First(t => t.GetProperty("itemId").GetString() == itemId);
        Assert.True(agent.GetProperty("interrupted").GetBoolean());
        Assert.Equal((long)truncate["audio_end_ms"]!, agent.GetProperty("cutOffMs").GetInt64());
        Assert.Equal(carrier, record.GetProperty("call").GetProperty("transport").GetString());
    }

    [Theory]
    [InlineData("twilio")]
    [InlineData("telnyx")]
    public async Task Keys_pressed_reach_the_model_as_the_callers_text_and_the_record(string carrier)
    {
        await using OpenAIRealtimeStandIn standIn = await OpenAIRealtimeStandIn.StartAsync();
        await using TestServer server = await StartAsync(standIn, "--Telephony:KeypadGap=00:00:00.400");
        await using SimulatedCarrier phone = await CallAsync(server, carrier);
        OpenAIRealtimeStandIn.Connection upstream = await standIn.WaitForConnectionAsync();
        await upstream.WaitForAsync("session.update");

        await phone.PressAsync("1");
        JsonObject first = await upstream.WaitForAsync("conversation.item.create");
        int next = upstream.Received.Count;
        await upstream.WaitForAsync("response.create");

        // Keys close together are one entry; '#' ends it at once.
        await phone.PressAsync("4");
        await phone.PressAsync("2");
        await phone.PressAsync("#");
        JsonObject entry = await upstream.WaitForAsync("conversation.item.create", next);

        Assert.Equal("user", (string?)first["item"]!["role"]);
        Assert.Equal("input_text", (string?)first["item"]!["content"]![0]!["type"]);
        Assert.Equal("The caller pressed 1", (string?)first["item"]!["content"]![0]!["text"]);
        Assert.Equal("The caller pressed 4 2", (string?)entry["item"]!["content"]![0]!["text"]);

        await phone.HangUpAsync();
        JsonElement record = await RecordAsync(server, Ended);
        string[] said = [.. record.GetProperty("turns").EnumerateArray().Where(t => t.GetProperty("role").GetString() == "caller").Select(t => t.GetProperty("text").GetString()!)];
        Assert.Equal(["The caller pressed 1", "The caller pressed 4 2"], said);
        Assert.Equal(CallerNumber, record.GetProperty("caller").GetProperty("phone").GetString());
    }

    [Theory]
    [InlineData("twilio")]
    [InlineData("telnyx")]
    public async Task The_agent_hangs_up_with_end_call_and_the_line_closes_once_its_goodbye_has_been_heard(string carrier)
    {
        await using OpenAIRealtimeStandIn standIn = await OpenAIRealtimeStandIn.StartAsync();
        await using TestServer server = await StartAsync(standIn);
        await using SimulatedCarrier phone = await CallAsync(server, carrier);
        OpenAIRealtimeStandIn.Connection upstream = await standIn.WaitForConnectionAsync();

        // end_call is offered on phone calls, beside the appointment tools.
        JsonArray tools = (await upstream.WaitForAsync("session.update"))["session"]!["tools"]!.AsArray();
        Assert.Contains(tools, t => (string?)t!["name"] == "end_call");

        // The caller said goodbye; the model calls end_call, gets its result and says goodbye.
        string callId = await upstream.PlayToolCallAsync("end_call", "{\"reason\":\"caller said goodbye\"}");
        JsonObject output = await upstream.WaitForAsync("conversation.item.create");
        await upstream.WaitForAsync("response.create");
        Assert.Equal(callId, (string?)output["item"]!["call_id"]);
        Assert.True((bool)JsonNode.Parse((string)output["item"]!["output"]!)!["ending"]!);

        byte[] goodbye = await SpokenMuLawAsync("Thank you for calling. Goodbye.");
        await upstream.PlayReplyAsync("Thank you for calling. Goodbye.", goodbye);
        Assert.Equal(WebSocketCloseStatus.NormalClosure, await phone.WaitForCloseAsync());

        // The line closed only after all of the goodbye had played and its final mark had come back.
        Assert.Equal("agent_hung_up", phone.CloseDescription);
        Assert.Equal(goodbye.Length, phone.PlayedBytes);
        Assert.EndsWith(":" + (goodbye.Length / 8), phone.EchoedMarks[^1], StringComparison.Ordinal);

        JsonElement record = await RecordAsync(server, Ended);
        Assert.Equal("agent_hung_up", record.GetProperty("call").GetProperty("endReason").GetString());
        Assert.Equal(1000, record.GetProperty("call").GetProperty("closeCode").GetInt32());
        Assert.Contains(record.GetProperty("tools").EnumerateArray(), t => t.GetProperty("name").GetString() == "end_call");
    }

    [Theory]
    [InlineData("twilio")]
    [InlineData("telnyx")]
    public async Task Malformed_carrier_messages_are_skipped_a_huge_one_closes_the_stream_and_another_call_goes_on(string carrier)
    {
        await using OpenAIRealtimeStandIn standIn = await OpenAIRealtimeStandIn.StartAsync();
        await using TestServer server = await StartAsync(standIn, "--Telephony:KeypadGap=00:00:00.200");
        await using SimulatedCarrier bad = await CallAsync(server, carrier);
        OpenAIRealtimeStandIn.Connection badUpstream = await standIn.WaitForConnectionAsync(0);
        await using SimulatedCarrier good = await CallAsync(server, carrier);
        OpenAIRealtimeStandIn.Connection goodUpstream = await standIn.WaitForConnectionAsync(1);
        await badUpstream.WaitForAsync("session.update");
        await goodUpstream.WaitForAsync("session.update");

        await bad.SendRawAsync("{\"event\":\"media\",\"media\":{\"payload\":");
        await bad.SendRawAsync("[1,2,3]");
        await bad.SendRawAsync("{\"event\":\"dance\",\"moves\":[\"left\"]}");
        await bad.SendMediaAsync(Convert.ToBase64String(new byte[160]), streamId: "MZ-someone-else");
        await bad.SendMediaAsync("!!! this is not base64 !!!");
        await bad.SendRawAsync("{\"event\":\"dtmf\",\"dtmf\":{\"digit\":\"Z\"}}");
        await bad.SendRawAsync("{\"event\":\"mark\",\"mark\":{\"name\":\"not-ours\"}}");

        // The call goes on: its audio still reaches the upstream, and a key still reaches the model.
        long appended = badUpstream.AppendedBytes;
        await WaitUntilAsync(() => badUpstream.AppendedBytes > appended + 800);
        await bad.PressAsync("5");
        JsonObject key = await badUpstream.WaitForAsync("conversation.item.create");
        Assert.Equal("The caller pressed 5", (string?)key["item"]!["content"]![0]!["text"]);
        Assert.True(bad.IsOpen);

        // A 1 MB message is more than any carrier sends: the stream is closed with the reason.
        await bad.SendMediaAsync(new string('A', 1024 * 1024));
        Assert.Equal(WebSocketCloseStatus.MessageTooBig, await bad.WaitForCloseAsync());
        Assert.StartsWith("frame_too_large", bad.CloseDescription, StringComparison.Ordinal);

        // The other call is untouched.
        Assert.True(good.IsOpen);
        long goodAppended = goodUpstream.AppendedBytes;
        await WaitUntilAsync(() => goodUpstream.AppendedBytes > goodAppended + 800);
        await good.PressAsync("7");
        Assert.Equal("The caller pressed 7", (string?)(await goodUpstream.WaitForAsync("conversation.item.create"))["item"]!["content"]![0]!["text"]);
        Assert.DoesNotContain(goodUpstream.Sent, e => (string?)e["type"] == "error");

        JsonElement record = await RecordAsync(server, r => Ended(r) && r.GetProperty("call").GetProperty("endReason").GetString() == "frame_too_large", anyCall: true);
        Assert.Equal(1009, record.GetProperty("call").GetProperty("closeCode").GetInt32());
    }

    [Fact]
    public async Task A_stream_that_never_starts_or_starts_with_audio_Voxgate_cannot_take_is_closed_with_the_reason()
    {
        await using OpenAIRealtimeStandIn standIn = await OpenAIRealtimeStandIn.StartAsync();
        await using TestServer server = await StartAsync(standIn, "--Telephony:StartTimeout=00:00:01");

        using (var silent = new ClientWebSocket())
        {
            await silent.ConnectAsync(MediaUri(server, "twilio"), CancellationToken.None);
            var buffer = new byte[256];
            await Assert.ThrowsAnyAsync<Exception>(async () =>
            {
                WebSocketReceiveResult result = await silent.ReceiveAsync(buffer, new CancellationTokenSource(TimeSpan.FromSeconds(10)).Token);
                Assert.NotEqual(WebSocketMessageType.Close, result.MessageType);
            });
        }

        using var opus = new ClientWebSocket();
        await opus.ConnectAsync(MediaUri(server, "telnyx"), CancellationToken.None);
        string start = "{\"event\":\"start\",\"sequence_number\":\"1\",\"start\":{\"call_control_id\":\"v3:x\",\"media_format\":{\"encoding\":\"OPUS\",\"sample_rate\":16000,\"channels\":1}},\"stream_id\":\"s1\"}";
        await opus.SendAsync(Encoding.UTF8.GetBytes(start), WebSocketMessageType.Text, true, CancellationToken.None);
        WebSocketReceiveResult closed = await opus.ReceiveAsync(new byte[256], CancellationToken.None);
        Assert.Equal(WebSocketMessageType.Close, closed.MessageType);
        Assert.Equal(WebSocketCloseStatus.PolicyViolation, opus.CloseStatus);
        Assert.Contains("PCMU", opus.CloseStatusDescription, StringComparison.Ordinal);
        Assert.Empty(standIn.Connections);
    }

    [Fact]
    public async Task Telnyx_streams_need_the_stream_auth_token_when_one_is_set()
    {
        await using TestServer server = await TestServer.StartAsync("--Telnyx:StreamAuthToken=s3cret");

        async Task<HttpStatusCode> HandshakeAsync(string? token)
        {
            using var socket = new ClientWebSocket();
            socket.Options.CollectHttpResponseDetails = true;
            if (token is not null)
            {
                socket.Options.SetRequestHeader(TelnyxEndpoints.TokenHeader, token);
            }

            try
            {
                await socket.ConnectAsync(MediaUri(server, "telnyx"), CancellationToken.None);
            }
            catch (WebSocketException)
            {
            }

            return socket.HttpStatusCode;
        }

        Assert.Equal(HttpStatusCode.Forbidden, await HandshakeAsync(null));
        Assert.Equal(HttpStatusCode.Forbidden, await HandshakeAsync("guess"));
        Assert.Equal(HttpStatusCode.SwitchingProtocols, await HandshakeAsync("s3cret"));
    }

    /// <summary>Milliseconds of agent audio the carrier has been sent.</summary>
    private static long SentMs(SimulatedCarrier phone)
        => phone.Received.Where(m => (string?)m["event"] == "media").Sum(m => Convert.FromBase64String((string)m["media"]!["payload"]!).Length) / 8;

    /// <summary>The milliseconds a mark of <paramref name="itemId"/> says were sent before it.</summary>
    private static long MarkedMs(string mark, string itemId)
    {
        Assert.StartsWith(itemId + ":", mark, StringComparison.Ordinal);
        return long.Parse(mark[(itemId.Length + 1)..], System.Globalization.CultureInfo.InvariantCulture);
    }

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (!condition())
        {
            await Task.Delay(10, deadline.Token);
        }
    }
}
