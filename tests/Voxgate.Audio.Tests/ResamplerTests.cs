namespace Voxgate.Audio.Tests;

public sealed class ResamplerTests
{
    private static readonly int[] Rates = [8000, 16000, 22050, 24000, 32000, 44100, 48000];

    public static TheoryData<int, int> AllPairs()
    {
        var data = new TheoryData<int, int>();
        foreach (int from in Rates)
        {
            foreach (int to in Rates)
            {
                if (from != to)
                {
                    data.Add(from, to);
                }
            }
        }

        return data;
    }

    /// <summary>The pairs that lose bandwidth, where aliasing can happen (upsampling's images are checked with the pass band).</summary>
    public static TheoryData<int, int> DownsamplingPairs()
    {
        var data = new TheoryData<int, int>();
        foreach (int from in Rates)
        {
            foreach (int to in Rates.Where(to => to < from))
            {
                data.Add(from, to);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(AllPairs))]
    public void Passband_is_flat_within_a_tenth_of_a_dB_and_clean_of_images_by_70_dB(int from, int to)
    {
        int lower = Math.Min(from, to);
        foreach (double fraction in new[] { 0.01, 0.1, 0.25, 0.35, 0.42, 0.45 })
        {
            double frequency = fraction * lower;
            float[] output = Convert(SineFit.Tone(frequency, from, from / 4), from, to);
            var fit = SineFit.Of(SteadyState(output), frequency, to);
            double gainDb = 20 * Math.Log10(fit.Amplitude / 0.5);
            Assert.InRange(gainDb, -0.1, 0.1);
            Assert.True(fit.SignalToResidualDb >= 70, $"{from}->{to} at {frequency:F0} Hz: images and noise only {fit.SignalToResidualDb:F1} dB down");
        }
    }

    [Theory]
    [MemberData(nameof(DownsamplingPairs))]
    public void Downsampling_rejects_aliases_by_70_dB(int from, int to)
    {
        // Tones the output cannot represent, spread from just above its Nyquist frequency to just below the input's:
        // five of them for every pair, however close the rates (48k→44.1k leaves only 22.05–24 kHz).
        double low = 0.505 * to;
        double high = 0.995 * from / 2.0;
        foreach (double step in new[] { 0.0, 0.25, 0.5, 0.75, 1.0 })
        {
            double frequency = low + step * (high - low);
            float[] output = Convert(SineFit.Tone(frequency, from, from / 4), from, to);
            double aliasDb = 20 * Math.Log10(SineFit.Rms(SteadyState(output)) / (0.5 / Math.Sqrt(2)));
            Assert.True(aliasDb <= -70, $"{from}->{to}: a {frequency:F0} Hz tone aliases at {aliasDb:F1} dB");
        }
    }

    [Fact]
    public void A_1_kHz_tone_through_48k_to_24k_and_back_keeps_70_dB_SNR()
    {
        float[] tone = SineFit.Tone(1000, 48000, 48000);
        float[] round = Convert(Convert(tone, 48000, 24000), 24000, 48000);
        var fit = SineFit.Of(SteadyState(round), 1000, 48000);
        Assert.True(fit.SignalToResidualDb >= 70, $"SNR {fit.SignalToResidualDb:F1} dB");
        Assert.InRange(fit.Amplitude, 0.5 * 0.99, 0.5 * 1.01);
    }

    [Theory]
    [InlineData(48000, 24000)]
    [InlineData(44100, 24000)]
    [InlineData(8000, 24000)]
    [InlineData(24000, 16000)]
    [InlineData(22050, 48000)]
    [InlineData(24000, 8000)]
    public void Chunked_input_gives_exactly_the_same_samples_as_one_call(int from, int to)
    {
        var random = new Random(from ^ to);
        var signal = new float[from];
        for (int i = 0; i < signal.Length; i++)
        {
            signal[i] = (float)(random.NextDouble() * 1.6 - 0.8);
        }

        var whole = new Resampler(from, to);
        var expected = new float[whole.GetMaxOutputLength(signal.Length)];
        int expectedCount = whole.Process(signal, expected);

        var chunked = new Resampler(from, to);
        var actual = new List<float>();
        var scratch = new float[chunked.GetMaxOutputLength(5000)];
        int offset = 0;
        while (offset < signal.Length)
        {
            int size = Math.Min(signal.Length - offset, random.Next(0, 4) switch { 0 => 1, 1 => random.Next(2, 17), 2 => random.Next(100, 700), _ => random.Next(1000, 5000) });
            int n = chunked.Process(signal.AsSpan(offset, size), scratch);
            actual.AddRange(scratch.AsSpan(0, n).ToArray());
            offset += size;
        }

        Assert.Equal(expectedCount, actual.Count);
        Assert.True(expected.AsSpan(0, expectedCount).SequenceEqual(actual.ToArray()), "chunked output differs from whole output");
    }

    [Fact]
    public void Output_count_tracks_the_rate_ratio_over_a_long_stream()
    {
        var resampler = new Resampler(44100, 24000);
        var input = new float[441];
        var output = new float[resampler.GetMaxOutputLength(input.Length)];
        long produced = 0;
        for (int i = 0; i < 1000; i++)
        {
            produced += resampler.Process(input, output);
        }

        // 441,000 input samples are 240,000 output samples, less the filter's look-ahead.
        Assert.InRange(produced, 240_000 - 200, 240_000);
    }

    [Fact]
    public void Reset_forgets_history()
    {
        var resampler = new Resampler(48000, 24000);
        float[] tone = SineFit.Tone(440, 48000, 4800);
        var first = new float[resampler.GetMaxOutputLength(tone.Length)];
        int n1 = resampler.Process(tone, first);
        resampler.Reset();
        var second = new float[first.Length];
        int n2 = resampler.Process(tone, second);
        Assert.Equal(n1, n2);
        Assert.True(first.AsSpan(0, n1).SequenceEqual(second.AsSpan(0, n2)));
    }

    [Fact]
    public void Too_small_an_output_buffer_is_refused()
    {
        var resampler = new Resampler(8000, 48000);
        Assert.Throws<ArgumentException>(() => resampler.Process(new float[100], new float[10]));
    }

    private static float[] Convert(float[] input, int from, int to) => Resampler.ResampleAll(input, from, to);

    // Leave out the edges, where the filter runs in or out.
    private static ReadOnlySpan<float> SteadyState(float[] x) => x.AsSpan(x.Length / 8, x.Length * 3 / 4);
}
