namespace Voxgate.Speech.Engine;

/// <summary>Streaming recognition of one utterance at a time, on 16 kHz PCM16.</summary>
internal interface IUtteranceRecognizer : IDisposable
{
    string? PartialHypothesis { get; }

    void Start();

    void Accept(ReadOnlySpan<short> pcm16k);

    string Finish();
}

/// <summary>Lends recognizers (each holds a loaded model, so they are pooled and few).</summary>
internal interface IUtteranceRecognizerSource
{
    ValueTask<IUtteranceRecognizer> RentAsync(CancellationToken cancellationToken);
}
