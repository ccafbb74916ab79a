using Voxgate.Audio;

namespace Voxgate.Server.Tests.Cli;

public sealed class ConvertCommandTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("voxgate-convert-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public async Task Help_lists_the_verbs()
    {
        var (code, output, _) = await CliRunner.RunAsync("--help");
        Assert.Equal(0, code);
        Assert.Contains("serve", output, StringComparison.Ordinal);
        Assert.Contains("convert", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Stereo_44k_becomes_mono_24k_with_the_tone_kept()
    {
        string input = WriteStereoTone(44100);
        string output = Path.Combine(_dir, "out.wav");
        var (code, text, error) = await CliRunner.RunAsync("convert", input, output, "--rate", "24000", "--channels", "1");
        Assert.True(code == 0, error);
        Assert.Contains("24000 Hz", text, StringComparison.Ordinal);

        AudioClip clip = WavFile.Read(output, out WavEncoding encoding);
        Assert.Equal(WavEncoding.Pcm16, encoding);
        Assert.Equal((24000, 1), (clip.SampleRate, clip.Channels));
        Assert.InRange(clip.Frames, 23_900, 24_100);
        // Left and right are the same 1 kHz tone at 0.5, so the mono mix is too: -9 dBFS RMS.
        Assert.InRange(LevelMeter.Measure(clip.Samples.AsSpan(2000, 20000)).RmsDbfs, -9.1, -8.9);
    }

    [Theory]
    [InlineData("ulaw", "out.wav", WavEncoding.MuLaw)]
    [InlineData("alaw", "out.wav", WavEncoding.ALaw)]
    public async Task G711_output_is_an_8_kHz_WAV_of_format_7_or_6(string codec, string name, WavEncoding expected)
    {
        string input = WriteStereoTone(48000);
        string output = Path.Combine(_dir, name);
        var (code, _, error) = await CliRunner.RunAsync("convert", input, output, "--codec", codec, "--channels", "1");
        Assert.True(code == 0, error);
        byte[] bytes = File.ReadAllBytes(output);
        Assert.Equal(expected == WavEncoding.MuLaw ? 7 : 6, BitConverter.ToUInt16(bytes, 20));
        AudioClip clip = WavFile.Read(output, out WavEncoding encoding);
        Assert.Equal(expected, encoding);
        Assert.Equal(8000, clip.SampleRate);
    }

    [Fact]
    public async Task A_ul_file_is_raw_mu_law_at_8_kHz()
    {
        string input = WriteStereoTone(16000);
        string output = Path.Combine(_dir, "out.ul");
        var (code, _, error) = await CliRunner.RunAsync("convert", input, output, "--channels", "1");
        Assert.True(code == 0, error);
        byte[] raw = File.ReadAllBytes(output);
        Assert.InRange(raw.Length, 7_900, 8_100);
        var pcm = new short[raw.Length];
        G711.DecodeMuLaw(raw, pcm);
        Assert.True(pcm.Max() > 10_000, "the tone is missing from the decoded µ-law");
    }

    [Theory]
    [InlineData("missing.wav", "does not exist")]
    [InlineData("truncated.wav", "truncated")]
    [InlineData("text.wav", "Not a WAV file")]
    public async Task Bad_input_exits_non_zero_with_one_clear_line(string name, string expected)
    {
        string input = Path.Combine(_dir, name);
        if (name == "truncated.wav")
        {
            File.WriteAllBytes(input, File.ReadAllBytes(WriteStereoTone(8000)).AsSpan(0, 30).ToArray());
        }
        else if (name == "text.wav")
        {
            File.WriteAllText(input, "this is not audio, but it is long enough to have a header");
        }

        var (code, _, error) = await CliRunner.RunAsync("convert", input, Path.Combine(_dir, "out.wav"));
        Assert.NotEqual(0, code);
        Assert.Contains(expected, error, StringComparison.Ordinal);
        Assert.Single(error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
    }

    [Theory]
    [InlineData("--rate", "12345", "--rate 12345")]
    [InlineData("--channels", "3", "--channels 3")]
    public async Task Unsupported_options_are_refused(string option, string value, string expected)
    {
        var (code, _, error) = await CliRunner.RunAsync("convert", WriteStereoTone(8000), Path.Combine(_dir, "out.wav"), option, value);
        Assert.NotEqual(0, code);
        Assert.Contains(expected, error, StringComparison.Ordinal);
    }

    private string WriteStereoTone(int rate)
    {
        var samples = new float[rate * 2];
        for (int i = 0; i < rate; i++)
        {
            float v = (float)(0.5 * Math.Sin(2 * Math.PI * 1000 * i / rate));
            samples[2 * i] = v;
            samples[2 * i + 1] = v;
        }

        string path = Path.Combine(_dir, $"tone{rate}.wav");
        WavFile.Write(path, new AudioClip(samples, rate, 2));
        return path;
    }
}
