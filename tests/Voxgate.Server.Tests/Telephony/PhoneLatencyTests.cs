using System.Text.Json;
using System.Text.Json.Nodes;
using Voxgate.Server.Telephony.Twilio;
using Voxgate.Server.Tests.Hosting;
using Xunit.Abstractions;
using static Voxgate.Server.Tests.Telephony.PhoneTestSupport;

namespace Voxgate.Server.Tests.Telephony;

/// <summary>
/// A three-turn Twilio call through the local engine on loopback, timed from the carrier's side: the end of the caller's
/// speech → the first µ-law reply frame, and → the first frame marked as played. Writes test-output/phone-latency.json
/// (docs/benchmarks.md).
/// </summary>
public sealed class PhoneLatencyTests(ITestOutputHelper output)
{
    private static readonly string[] Questions = ["what are your opening hours", "what time is it", "i would like to book an appointment"];

    [Fact]
    public async Task Every_turn_of_a_phone_call_is_answered_and_its_latency_is_measured_at_the_carrier()
    {
        await using TestServer server = await TestServer.StartAsync($"--Twilio:AuthToken={AuthToken}", $"--Telephony:PublicUrl=https://{PublicHost}");
        await using SimulatedCarrier twilio = await SimulatedCarrier.CallAsync(MediaUri(server, "twilio"), "twilio", CallerNumber,
            new Dictionary<string, string> { ["From"] = CallerNumber }, o => o.SetRequestHeader(TwilioSignature.Header, Sign($"wss://{PublicHost}/twilio/media")));
        await Task.Delay(300);

        var turns = new JsonArray();
        foreach (string question in Questions)
        {
            await twilio.SayAsync(await SpokenMuLawAsync(question));
            await twilio.WaitForReplyAsync(quietMs: 1000);
            long firstFrame = twilio.FirstMediaAtMs - twilio.SpeechEndedAtMs;
            long firstPlayed = twilio.FirstPlayedAtMs - twilio.SpeechEndedAtMs;
            // A measurement, not a budget: on a busy machine the engine's turn takes seconds; the order is what must hold.
            Assert.InRange(firstFrame, 0, 30_000);
            Assert.InRange(firstPlayed, firstFrame, firstFrame + 1000);
            turns.Add(new JsonObject { ["question"] = question, ["first_frame_ms"] = firstFrame, ["first_played_ms"] = firstPlayed });
            output.WriteLine($"{question}: first µ-law frame {firstFrame} ms, first frame marked as played {firstPlayed} ms after the end of speech");
        }

        await twilio.HangUpAsync();
        JsonElement record = await RecordAsync(server, Ended);
        JsonElement[] agent = [.. record.GetProperty("turns").EnumerateArray().Where(t => t.GetProperty("role").GetString() == "agent")];
        Assert.Equal(Questions.Length, agent.Length);
        var recorded = new JsonArray([.. agent.Select(t => (JsonNode)new JsonObject
        {
            ["sent_ms"] = t.GetProperty("latency").GetProperty("sentMs").GetInt64(),
            ["heard_ms"] = t.GetProperty("latency").GetProperty("heardMs").GetInt64(),
        })]);

        string folder = Path.Combine(RepositoryRoot(), "test-output");
        Directory.CreateDirectory(folder);
        await File.WriteAllTextAsync(Path.Combine(folder, "phone-latency.json"), new JsonObject
        {
            ["measured"] = DateTimeOffset.UtcNow.ToString("O"),
            ["what"] = "Twilio stream on loopback, local engine; carrier side: last speech frame sent -> first media received / first mark echoed; record: VAD speech stopped -> first audio sent / first heard",
            ["carrier"] = turns,
            ["record"] = recorded,
        }.ToJsonString(new JsonSerializerOptions { WriteIndented = true }));
    }

    private static string RepositoryRoot()
    {
        var folder = new DirectoryInfo(AppContext.BaseDirectory);
        while (folder is not null && !File.Exists(Path.Combine(folder.FullName, "Voxgate.slnx")))
        {
            folder = folder.Parent;
        }

        return folder?.FullName ?? AppContext.BaseDirectory;
    }
}
