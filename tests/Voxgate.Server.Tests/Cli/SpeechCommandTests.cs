using Voxgate.Audio;

namespace Voxgate.Server.Tests.Cli;

public sealed class SpeechCommandTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("voxgate-speech-cli-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public async Task Say_then_transcribe_gives_back_the_words()
    {
        string wav = Path.Combine(_dir, "hours.wav");
        var (code, output, error) = await CliRunner.RunAsync("say", "Please turn on the lights in the kitchen.", "--voice", "rms", "--out", wav);
        Assert.True(code == 0, error);
        Assert.Contains("24000 Hz", output, StringComparison.Ordinal);

        AudioClip clip = WavFile.Read(wav);
        Assert.Equal((24000, 1), (clip.SampleRate, clip.Channels));
        Assert.InRange(clip.Duration.TotalSeconds, 1.0, 5.0);

        (code, output, error) = await CliRunner.RunAsync("transcribe", wav);
        Assert.True(code == 0, error);
        string[] heard = output.Trim().Split(' ');
        Assert.True(new[] { "turn", "lights", "kitchen" }.Count(heard.Contains) >= 2, $"heard '{output.Trim()}'");
    }

    [Fact]
    public async Task Transcribe_takes_any_rate_and_channel_count()
    {
        string wav = Path.Combine(_dir, "lights.wav");
        var (code, _, error) = await CliRunner.RunAsync("say", "Please turn on the lights in the kitchen.", "--rate", "22050", "--out", wav);
        Assert.True(code == 0, error);

        // The same speech as a 44.1 kHz stereo file.
        AudioClip mono = WavFile.Read(wav).Resample(44100);
        var stereo = new float[mono.Samples.Length * 2];
        for (int i = 0; i < mono.Samples.Length; i++)
        {
            stereo[2 * i] = stereo[2 * i + 1] = mono.Samples[i];
        }

        string stereoWav = Path.Combine(_dir, "stereo.wav");
        WavFile.Write(stereoWav, new AudioClip(stereo, 44100, 2));

        (code, string output, error) = await CliRunner.RunAsync("transcribe", stereoWav);
        Assert.True(code == 0, error);
        string[] heard = output.Trim().Split(' ');
        Assert.True(new[] { "turn", "lights", "kitchen" }.Count(heard.Contains) >= 2, $"heard '{output.Trim()}'");
    }

    [Theory]
    [InlineData("missing.wav", "does not exist")]
    [InlineData("text.wav", "Not a WAV file")]
    public async Task Transcribe_refuses_bad_input_with_one_clear_line(string name, string expected)
    {
        string input = Path.Combine(_dir, name);
        if (name == "text.wav")
        {
            File.WriteAllText(input, "this is not audio, but it is long enough to have a header");
        }

        var (code, _, error) = await CliRunner.RunAsync("transcribe", input);
        Assert.NotEqual(0, code);
        Assert.StartsWith("voxgate transcribe: ", error, StringComparison.Ordinal);
        Assert.Contains(expected, error, StringComparison.Ordinal);
        Assert.Single(error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
    }

    [Theory]
    [InlineData("hello", "--voice", "darth", "Unknown voice 'darth'")]
    [InlineData("hello", "--rate", "4000", "--rate 4000")]
    [InlineData("...", "--voice", "slt", "nothing to say")]
    public async Task Say_refuses_bad_input_with_one_clear_line(string text, string option, string value, string expected)
    {
        var (code, _, error) = await CliRunner.RunAsync("say", text, option, value, "--out", Path.Combine(_dir, "out.wav"));
        Assert.NotEqual(0, code);
        Assert.StartsWith("voxgate say: ", error, StringComparison.Ordinal);
        Assert.Contains(expected, error, StringComparison.Ordinal);
        Assert.Single(error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
    }

    [Fact]
    public async Task Say_into_a_missing_folder_fails_cleanly()
    {
        var (code, _, error) = await CliRunner.RunAsync("say", "hello", "--out", Path.Combine(_dir, "nowhere", "out.wav"));
        Assert.NotEqual(0, code);
        Assert.Contains("does not exist", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Say_without_out_is_a_usage_error()
    {
        var (code, _, error) = await CliRunner.RunAsync("say", "hello");
        Assert.NotEqual(0, code);
        Assert.Contains("--out", error, StringComparison.Ordinal);
    }
}
