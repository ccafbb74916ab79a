using BenchmarkDotNet.Attributes;
using Voxgate.Audio;

namespace Voxgate.Benchmarks;

/// <summary>One second of audio through G.711 and PCM16/float conversion, in 20 ms frames.</summary>
public class CodecBenchmarks
{
    private const int TelephonyRate = 8000;
    private const int WideRate = 24000;

    private readonly short[] _pcm8k = new short[TelephonyRate];
    private readonly byte[] _g711 = new byte[TelephonyRate];
    private readonly short[] _pcm24k = new short[WideRate];
    private readonly float[] _float24k = new float[WideRate];

    [GlobalSetup]
    public void Setup()
    {
        var random = new Random(2);
        for (int i = 0; i < _pcm8k.Length; i++)
        {
            _pcm8k[i] = (short)random.Next(short.MinValue, short.MaxValue);
        }

        for (int i = 0; i < _pcm24k.Length; i++)
        {
            _pcm24k[i] = (short)random.Next(short.MinValue, short.MaxValue);
        }

        G711.EncodeMuLaw(_pcm8k, _g711);
        Pcm16.ToFloat(_pcm24k, _float24k);
    }

    [Benchmark]
    public void MuLawEncode8k() => G711.EncodeMuLaw(_pcm8k, _g711);

    [Benchmark]
    public void MuLawDecode8k() => G711.DecodeMuLaw(_g711, _pcm8k);

    [Benchmark]
    public void ALawEncode8k() => G711.EncodeALaw(_pcm8k, _g711);

    [Benchmark]
    public void ALawDecode8k() => G711.DecodeALaw(_g711, _pcm8k);

    [Benchmark]
    public void Pcm16ToFloat24k() => Pcm16.ToFloat(_pcm24k, _float24k);

    [Benchmark]
    public void FloatToPcm16_24k() => Pcm16.FromFloat(_float24k, _pcm24k);
}
