using BenchmarkDotNet.Attributes;
using Voxgate.Speech.Vad;

namespace Voxgate.Benchmarks;

/// <summary>Silero VAD on one 32 ms frame (512 samples at 16 kHz) of speech, with the stream's state carried.</summary>
[HideColumns("× realtime")]
public class VadBenchmarks
{
    private SileroVad _vad = null!;
    private SileroVadStream _stream = null!;
    private short[] _frame = null!;

    [GlobalSetup]
    public void Setup()
    {
        _vad = new SileroVad(SpeechFixtures.VadModelPath());
        _stream = _vad.CreateStream();
        short[] speech = SpeechFixtures.Speak(SpeechFixtures.Utterance);
        _frame = speech.AsSpan(speech.Length / 2, SileroVad.FrameSamples).ToArray();
    }

    [Benchmark]
    public float Frame32ms() => _stream.Process(_frame);

    [GlobalCleanup]
    public void Cleanup()
    {
        _stream.Dispose();
        _vad.Dispose();
    }
}
