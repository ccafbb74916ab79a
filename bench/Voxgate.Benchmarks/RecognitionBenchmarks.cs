using BenchmarkDotNet.Attributes;
using Voxgate.Speech.Recognition;

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
    private PocketSphinxSpeechToTextClient _client = null!;
    private PocketSphinxRecognizer _recognizer = null!;
    private short[] _utterance = null!;

    [GlobalSetup]
    public void Setup()
    {
        _client = new PocketSphinxSpeechToTextClient(maxDecoders: 1);
        _recognizer = _client.CreateRecognizerAsync().AsTask().GetAwaiter().GetResult();
        _utterance = SpeechFixtures.Speak(SpeechFixtures.Utterance);
    }

    [IterationSetup]
    public void FeedUtterance()
    {
        _recognizer.Start();
        for (int offset = 0; offset < _utterance.Length; offset += 512)
        {
            _recognizer.Accept(_utterance.AsSpan(offset, Math.Min(512, _utterance.Length - offset)));
        }
    }

    [Benchmark]
    public string FinishAfterLastFrame() => _recognizer.Finish();

    [GlobalCleanup]
    public void Cleanup()
    {
        _recognizer.Dispose();
        _client.Dispose();
    }
}

/// <summary>The whole utterance decoded, start to final text: the recogniser's cost per second of speech.</summary>
[HideColumns("× realtime")]
public class RecognitionDecodeBenchmarks
{
    private PocketSphinxSpeechToTextClient _client = null!;
    private PocketSphinxRecognizer _recognizer = null!;
    private short[] _utterance = null!;

    [GlobalSetup]
    public void Setup()
    {
        _client = new PocketSphinxSpeechToTextClient(maxDecoders: 1);
        _recognizer = _client.CreateRecognizerAsync().AsTask().GetAwaiter().GetResult();
        _utterance = SpeechFixtures.Speak(SpeechFixtures.Utterance);
    }

    [Benchmark]
    public string DecodeUtterance()
    {
        _recognizer.Start();
        for (int offset = 0; offset < _utterance.Length; offset += 512)
        {
            _recognizer.Accept(_utterance.AsSpan(offset, Math.Min(512, _utterance.Length - offset)));
        }

        return _recognizer.Finish();
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _recognizer.Dispose();
        _client.Dispose();
    }
}
