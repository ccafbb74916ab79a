using BenchmarkDotNet.Attributes;

namespace Voxgate.Benchmarks;

/// <summary>The whole utterance decoded, start to final text: the recogniser's cost per second of speech.</summary>
[HideColumns("× realtime")]
public class RecognitionDecodeBenchmarks
{
    private RecognitionRig _rig = null!;

    [GlobalSetup]
    public void Setup() => _rig = new RecognitionRig();

    [Benchmark]
    public string DecodeUtterance()
    {
        _rig.Feed();
        return _rig.Finish();
    }

    [GlobalCleanup]
    public void Cleanup() => _rig.Dispose();
}
