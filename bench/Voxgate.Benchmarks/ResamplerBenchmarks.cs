using BenchmarkDotNet.Attributes;
using Voxgate.Audio;

namespace Voxgate.Benchmarks;

/// <summary>One second of audio through the streaming resampler, in 20 ms frames as a live stream arrives.</summary>
public class ResamplerBenchmarks
{
    private Resampler _resampler = null!;
    private float[] _input = null!;
    private float[] _output = null!;
    private int _frame;

    [Params("48000->24000", "44100->24000", "8000->24000", "24000->16000")]
    public string Path { get; set; } = "48000->24000";

    [GlobalSetup]
    public void Setup()
    {
        string[] rates = Path.Split("->");
        int from = int.Parse(rates[0], System.Globalization.CultureInfo.InvariantCulture);
        int to = int.Parse(rates[1], System.Globalization.CultureInfo.InvariantCulture);
        _resampler = new Resampler(from, to);
        _frame = AudioTiming.SamplesPerFrame(from);
        _input = new float[from];
        var random = new Random(1);
        for (int i = 0; i < _input.Length; i++)
        {
            _input[i] = (float)(random.NextDouble() - 0.5);
        }

        _output = new float[_resampler.GetMaxOutputLength(_frame)];
    }

    [Benchmark]
    public int OneSecond()
    {
        int produced = 0;
        for (int offset = 0; offset < _input.Length; offset += _frame)
        {
            produced += _resampler.Process(_input.AsSpan(offset, _frame), _output);
        }

        return produced;
    }
}
