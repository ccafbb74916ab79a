namespace Voxgate.Speech.Engine;

/// <summary>Streaming recognition of one utterance at a time, on 16 kHz PCM16.</summary>
internal interface IUtteranceRecognizer : IDisposable
{
    string? PartialHypothesis { get; }

    /// <summary>What was learned of the caller's channel, to carry to their next utterance; null if unavailable.</summary>
    float[]? ChannelState { get; }

    void AdaptTo(float[] channelState);

    void Start();

    void Accept(ReadOnlySpan<short> pcm16k);

    string Finish();
}

/// <summary>Lends recognizers (each holds a loaded model, so they are pooled and few).</summary>
internal interface IUtteranceRecognizerSource
{
    ValueTask<IUtteranceRecognizer> RentAsync(CancellationToken cancellationToken);
}
