namespace Voxgate.Speech.Recognition;

/// <summary>
/// Estimates a caller's channel (the mean of their cepstra, which live CMN subtracts) from an utterance's first audio,
/// with a front end of its own: the decoder can then decode that audio once, normalised for this caller, instead of
/// once against the model's default channel and again after. Costs the front end only (MFCC, no search).
/// </summary>
internal sealed class ChannelEstimator : IDisposable
{
    private readonly FrontEndHandle _frontEnd;
    private readonly double[] _sum;

    public ChannelEstimator(CmdLnHandle decoderConfig)
    {
        _frontEnd = PocketSphinxNative.CreateFrontEnd(decoderConfig);
        _sum = new double[PocketSphinxNative.GetCepstrumLength(_frontEnd)];
    }

    /// <summary>The length of the mean (the cepstrum's).</summary>
    public int Length => _sum.Length;

    /// <summary>The frames counted so far (those live CMN would count: energy not negative).</summary>
    public int Frames { get; private set; }

    public void Start()
    {
        PocketSphinxNative.StartFrontEnd(_frontEnd);
        Array.Clear(_sum);
        Frames = 0;
    }

    public void Accept(ReadOnlySpan<short> pcm16k) => Frames += PocketSphinxNative.AddCepstra(_frontEnd, pcm16k, _sum);

    public void GetMean(Span<float> mean)
    {
        if (Frames == 0 || mean.Length != _sum.Length)
        {
            throw new InvalidOperationException("No frames counted yet, or a mean of another length.");
        }

        for (int i = 0; i < mean.Length; i++)
        {
            mean[i] = (float)(_sum[i] / Frames);
        }
    }

    public void Dispose() => _frontEnd.Dispose();
}
