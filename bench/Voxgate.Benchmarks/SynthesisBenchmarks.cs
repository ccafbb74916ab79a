using BenchmarkDotNet.Attributes;
using Microsoft.Extensions.AI;
using Voxgate.Speech.Synthesis;

namespace Voxgate.Benchmarks;

/// <summary>
/// flite through the engine's client at 24 kHz: time to the first 40 ms audio chunk of a reply's first sentence
/// (the synthesis part of response latency, including stopping the rest), and the whole sentence.
/// </summary>
[HideColumns("× realtime")]
public class SynthesisBenchmarks
{
    private const string Sentence = "We are open Monday to Friday from nine in the morning until five in the afternoon.";

    private FliteTextToSpeechClient _flite = null!;
    private TextToSpeechOptions _options = null!;

    [Params("slt", "rms", "kal16")]
    public string Voice { get; set; } = "slt";

    [GlobalSetup]
    public void Setup()
    {
        _flite = new FliteTextToSpeechClient(Voice);
        _options = new TextToSpeechOptions { AdditionalProperties = new() { [FliteTextToSpeechClient.SampleRatePropertyName] = 24000 } };
    }

    [Benchmark]
    public async Task<int> FirstChunk()
    {
        await foreach (TextToSpeechResponseUpdate update in _flite.GetStreamingAudioAsync(Sentence, _options).ConfigureAwait(false))
        {
            return update.Contents.Count;
        }

        return 0;
    }

    [Benchmark]
    public async Task<int> WholeSentence()
    {
        int chunks = 0;
        await foreach (TextToSpeechResponseUpdate update in _flite.GetStreamingAudioAsync(Sentence, _options).ConfigureAwait(false))
        {
            chunks += update.Contents.Count;
        }

        return chunks;
    }
}
