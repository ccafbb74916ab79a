using Voxgate.Speech.Recognition;

namespace Voxgate.Benchmarks;

/// <summary>One loaded recogniser and the 3.9 s slt utterance, fed in 32 ms frames as the engine feeds it.</summary>
internal sealed class RecognitionRig : IDisposable
{
    private readonly PocketSphinxSpeechToTextClient _client = new(maxDecoders: 1);
    private readonly PocketSphinxRecognizer _recognizer;
    private readonly short[] _utterance = SpeechFixtures.Speak(SpeechFixtures.Utterance);

    public RecognitionRig() => _recognizer = _client.CreateRecognizerAsync().AsTask().GetAwaiter().GetResult();

    /// <summary>Starts an utterance and feeds all of it, frame by frame.</summary>
    public void Feed()
    {
        _recognizer.Start();
        for (int offset = 0; offset < _utterance.Length; offset += 512)
        {
            _recognizer.Accept(_utterance.AsSpan(offset, Math.Min(512, _utterance.Length - offset)));
        }
    }

    public string Finish() => _recognizer.Finish();

    public void Dispose()
    {
        _recognizer.Dispose();
        _client.Dispose();
    }
}
