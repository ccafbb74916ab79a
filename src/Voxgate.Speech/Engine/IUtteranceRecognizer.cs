namespace Voxgate.Speech.Engine;

/// <summary>Streaming recognition of one utterance at a time, on 16 kHz PCM16.</summary>
internal interface IUtteranceRecognizer : IDisposable
{
    string? PartialHypothesis { get; }

    /// <summary>What was learned of the caller's channel, to carry to their next utterance; null if unavailable.</summary>
    float[]? ChannelState { get; }

    void AdaptTo(float[] channelState);

    /// <summary>Opens an utterance, listening for <paramref name="expected"/> (what the agent just asked for).</summary>
    void Start(ExpectedAnswer expected);

    void Accept(ReadOnlySpan<short> pcm16k);

    string Finish();
}

/// <summary>Lends recognizers (each holds a loaded model, so they are pooled and few).</summary>
internal interface IUtteranceRecognizerSource
{
    ValueTask<IUtteranceRecognizer> RentAsync(CancellationToken cancellationToken);
}
