using System.Text.Json.Nodes;
using Voxgate.Audio;
using Voxgate.Server.Tests.Hosting;
using Voxgate.Server.Tests.TestSupport;

namespace Voxgate.Server.Tests.Cli;

public sealed class CallCommandTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("voxgate-call-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public async Task A_call_prints_both_transcripts_and_the_latency_and_saves_the_reply()
    {
        await using var server = await TestServer.StartAsync();
        string question = Path.Combine(_dir, "question.wav");
        short[] speech = TestSpeech.Samples(await TestSpeech.Pcm16Async("what time is it", "slt", 16000));
        var padded = new float[speech.Length + 16000];
        Pcm16.ToFloat(speech, padded.AsSpan(8000));
        WavFile.Write(question, new AudioClip(padded, 16000, 1));
        string reply = Path.Combine(_dir, "reply.wav");

        var (code, output, error) = await CliRunner.RunAsync("call", "--url", $"ws://{server.Address.Authority}/ws", "--wav", question, "--out", reply, "--json");

        Assert.True(code == 0, error + output);
        JsonObject result = (JsonObject)JsonNode.Parse(output)!;
        Assert.Contains("time", (string)result["user"]!, StringComparison.Ordinal);
        Assert.Matches(@"\b([AP]M|noon|midnight)\b", (string)result["agent"]!);
        Assert.Equal("local", (string?)result["upstream"]);
        // The latency is reported; how fast a loaded machine answers is the benchmarks' business, not a test's.
        Assert.True((long)result["latency_ms"]! >= 0, output);
        AudioClip saved = WavFile.Read(reply);
        Assert.Equal(24000, saved.SampleRate);
        Assert.Equal((long)result["reply_ms"]!, (long)saved.Duration.TotalMilliseconds, 1.0);
        Assert.True(LevelMeter.Measure(saved.Samples).PeakDbfs > -20, "the saved reply is silent");
    }

    [Fact]
    public async Task An_unreachable_gateway_exits_non_zero_with_one_line()
    {
        string question = Path.Combine(_dir, "q.wav");
        WavFile.Write(question, new AudioClip(Enumerable.Range(0, 8000).Select(i => (float)Math.Sin(i * 0.1) * 0.5f).ToArray(), 8000, 1));
        var (code, _, error) = await CliRunner.RunAsync("call", "--url", "ws://127.0.0.1:9/ws", "--wav", question);
        Assert.NotEqual(0, code);
        Assert.StartsWith("voxgate call:", error, StringComparison.Ordinal);
        Assert.Single(error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
    }
}
