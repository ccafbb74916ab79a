using Voxgate.Audio;
using Voxgate.Speech.Tests.TestSupport;
using Voxgate.Speech.Vad;

namespace Voxgate.Speech.Tests.Vad;

public sealed class SileroVadTests : IClassFixture<SileroVadTests.Model>
{
    private readonly SileroVad _vad;

    public SileroVadTests(Model model) => _vad = model.Vad;

    [Fact]
    public async Task Flite_speech_is_voiced_on_most_loud_frames()
    {
        short[] audio = SpeechAudio.Padded(await SpeechAudio.SynthesizeAsync(SpeechAudio.Kitchen), 16000, 0.3);
        using SileroVadStream stream = _vad.CreateStream();

        int loud = 0;
        int voiced = 0;
        float silenceMax = 0;
        for (int i = 0; i + SileroVad.FrameSamples <= audio.Length; i += SileroVad.FrameSamples)
        {
            ReadOnlySpan<short> frame = audio.AsSpan(i, SileroVad.FrameSamples);
            float probability = stream.Process(frame);
            if (Rms(frame) > 0.03)
            {
                loud++;
                voiced += probability > 0.8f ? 1 : 0;
            }
            else if (i < 16000 * 0.25)
            {
                silenceMax = Math.Max(silenceMax, probability);
            }
        }

        Assert.True(loud > 30, $"only {loud} loud frames");
        Assert.True(voiced >= loud * 0.8, $"{voiced} of {loud} loud frames above 0.8");
        Assert.True(silenceMax < 0.1f, $"leading silence reached {silenceMax}");
    }

    [Fact]
    public void Digital_silence_stays_below_0_1()
    {
        using SileroVadStream stream = _vad.CreateStream();
        var frame = new float[SileroVad.FrameSamples];
        float max = 0;
        for (int i = 0; i < 63; i++)
        {
            max = Math.Max(max, stream.Process(frame));
        }

        Assert.True(max < 0.1f, $"max {max}");
    }

    [Fact]
    public void White_noise_at_minus_40_dBFS_stays_below_0_1()
    {
        var random = new Random(40);
        float amplitude = 0.01f * MathF.Sqrt(3); // uniform noise with an RMS of -40 dBFS
        using SileroVadStream stream = _vad.CreateStream();
        var frame = new float[SileroVad.FrameSamples];
        float max = 0;
        for (int i = 0; i < 63; i++)
        {
            for (int j = 0; j < frame.Length; j++)
            {
                frame[j] = ((random.NextSingle() * 2) - 1) * amplitude;
            }

            max = Math.Max(max, stream.Process(frame));
        }

        Assert.True(max < 0.1f, $"max {max}");
    }

    [Fact]
    public async Task Reset_makes_a_stream_behave_like_a_new_one()
    {
        short[] speech = await SpeechAudio.SynthesizeAsync(SpeechAudio.Kitchen);
        using SileroVadStream used = _vad.CreateStream();
        using SileroVadStream fresh = _vad.CreateStream();
        for (int i = 0; i + SileroVad.FrameSamples <= 16000; i += SileroVad.FrameSamples)
        {
            used.Process(speech.AsSpan(i, SileroVad.FrameSamples));
        }

        used.Reset();
        for (int i = 0; i + SileroVad.FrameSamples <= 16000; i += SileroVad.FrameSamples)
        {
            ReadOnlySpan<short> frame = speech.AsSpan(i, SileroVad.FrameSamples);
            Assert.Equal(fresh.Process(frame), used.Process(frame));
        }
    }

    [Fact]
    public async Task Streams_on_parallel_threads_match_a_lone_stream()
    {
        short[] speech = await SpeechAudio.SynthesizeAsync(SpeechAudio.Kitchen);
        float[] Run()
        {
            using SileroVadStream stream = _vad.CreateStream();
            var result = new List<float>();
            for (int i = 0; i + SileroVad.FrameSamples <= speech.Length; i += SileroVad.FrameSamples)
            {
                result.Add(stream.Process(speech.AsSpan(i, SileroVad.FrameSamples)));
            }

            return [.. result];
        }

        float[] alone = Run();
        float[][] parallel = await Task.WhenAll(Enumerable.Range(0, 3).Select(_ => Task.Run(Run)));
        Assert.All(parallel, probabilities => Assert.Equal(alone, probabilities));
    }

    [Fact]
    public async Task Short_and_float_frames_give_the_same_probability()
    {
        short[] speech = await SpeechAudio.SynthesizeAsync(SpeechAudio.Kitchen);
        using SileroVadStream shorts = _vad.CreateStream();
        using SileroVadStream floats = _vad.CreateStream();
        var frame = new float[SileroVad.FrameSamples];
        for (int i = 8192; i < 8192 + (4 * SileroVad.FrameSamples); i += SileroVad.FrameSamples)
        {
            Pcm16.ToFloat(speech.AsSpan(i, SileroVad.FrameSamples), frame);
            Assert.Equal(floats.Process(frame), shorts.Process(speech.AsSpan(i, SileroVad.FrameSamples)));
        }
    }

    [Fact]
    public void A_frame_of_the_wrong_length_is_rejected()
    {
        using SileroVadStream stream = _vad.CreateStream();
        Assert.Throws<ArgumentException>(() => stream.Process(new float[480]));
    }

    [Fact]
    public void A_missing_model_file_is_reported_by_path()
    {
        var ex = Assert.Throws<FileNotFoundException>(() => new SileroVad("/nonexistent/silero.onnx"));
        Assert.Contains("/nonexistent/silero.onnx", ex.Message, StringComparison.Ordinal);
    }

    private static double Rms(ReadOnlySpan<short> frame)
    {
        double sum = 0;
        foreach (short sample in frame)
        {
            sum += (sample / 32768.0) * (sample / 32768.0);
        }

        return Math.Sqrt(sum / frame.Length);
    }

    public sealed class Model : IDisposable
    {
        public SileroVad Vad { get; } = new();

        public void Dispose() => Vad.Dispose();
    }
}
