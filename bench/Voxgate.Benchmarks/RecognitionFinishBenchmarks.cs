using BenchmarkDotNet.Attributes;

namespace Voxgate.Benchmarks;

/// <summary>
/// pocketsphinx on a 3.9 s slt utterance fed in 32 ms frames, as the engine feeds it: what is left to do once the
/// last voiced frame is in (<c>Finish</c>, the recognition part of response latency).
/// </summary>
[HideColumns("× realtime")]
[InvocationCount(1)]
[IterationCount(30)]
public class RecognitionFinishBenchmarks
{
    private RecognitionRig _rig = null!;

    [GlobalSetup]
    public void Setup() => _rig = new RecognitionRig();

    [IterationSetup]
    public void FeedUtterance() => _rig.Feed();

    [Benchmark]
    public string FinishAfterLastFrame() => _rig.Finish();

    [GlobalCleanup]
    public void Cleanup() => _rig.Dispose();
}
