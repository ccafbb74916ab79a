namespace Voxgate.Speech.Recognition;

/// <summary>
/// Frame-by-frame speech recognition on one pooled pocketsphinx decoder, for one audio stream (a call or a session).
/// <c>Start</c> an utterance, <c>Accept</c> 16 kHz mono 16-bit audio as it arrives, read <see cref="PartialHypothesis"/>
/// when useful and <c>Finish</c> to get the final text; repeat for the next utterance of the same stream.
/// Dispose to give the decoder back to the pool.
/// </summary>
/// <remarks>
/// Not thread-safe, and synchronous: decoding costs roughly 0.15 × the audio duration in CPU, so call it from a
/// worker, not from a socket's receive loop. Utterances of one recognizer share the decoder's channel adaptation
/// (live CMN); a new recognizer starts from the model's initial state.
/// </remarks>
public sealed class PocketSphinxRecognizer : IDisposable
{
    /// <summary>The sample rate <see cref="Accept"/> expects.</summary>
    public const int SampleRate = 16000;

    private readonly PocketSphinxDecoderPool _pool;
    private PocketSphinxDecoder? _decoder;
    private string? _partial;
    private bool _partialStale;

    internal PocketSphinxRecognizer(PocketSphinxDecoderPool pool, PocketSphinxDecoder decoder)
    {
        _pool = pool;
        _decoder = decoder;
    }

    /// <summary>Whether an utterance is open (between <see cref="Start"/> and <see cref="Finish"/>).</summary>
    public bool IsStarted => _decoder?.InUtterance ?? false;

    /// <summary>Samples accepted in the current (or last) utterance.</summary>
    public long SamplesAccepted { get; private set; }

    /// <summary>The audio accepted in the current (or last) utterance.</summary>
    public TimeSpan Duration => TimeSpan.FromSeconds((double)SamplesAccepted / SampleRate);

    /// <summary>
    /// The best hypothesis so far for the open utterance, or null when nothing has been recognised yet.
    /// Computed on demand (a backtrace over the decoder's lattice), and only again after new audio.
    /// </summary>
    public string? PartialHypothesis
    {
        get
        {
            PocketSphinxDecoder decoder = Decoder;
            if (_partialStale && decoder.InUtterance)
            {
                string text = PocketSphinxDecoder.Normalize(decoder.GetHypothesis());
                _partial = text.Length == 0 ? null : text;
                _partialStale = false;
            }

            return _partial;
        }
    }

    private PocketSphinxDecoder Decoder
    {
        get
        {
            ObjectDisposedException.ThrowIf(_decoder is null, this);
            return _decoder;
        }
    }

    /// <summary>
    /// What the recogniser has learned of the caller's channel (the live cepstral mean), to carry to the next
    /// utterance of the same caller with <see cref="AdaptTo"/>; null where this library build does not expose it.
    /// </summary>
    public float[]? ChannelState => Decoder.GetChannelMean();

    /// <summary>
    /// Starts from a channel learned on the same caller's earlier utterances. A pooled decoder otherwise starts every
    /// stream from the model's default, which costs accuracy at the start of each turn.
    /// </summary>
    public void AdaptTo(float[] channelState)
    {
        ArgumentNullException.ThrowIfNull(channelState);
        Decoder.SetChannelMean(channelState);
    }

    /// <summary>Opens an utterance.</summary>
    /// <exception cref="InvalidOperationException">One is already open.</exception>
    public void Start()
    {
        Decoder.StartUtterance();
        SamplesAccepted = 0;
        _partial = null;
        _partialStale = false;
    }

    /// <summary>Decodes the next block of 16 kHz mono audio (any length; 20–100 ms blocks work well).</summary>
    /// <exception cref="InvalidOperationException">No utterance is open.</exception>
    public void Accept(ReadOnlySpan<short> pcm16k)
    {
        int frames = Decoder.Process(pcm16k);
        SamplesAccepted += pcm16k.Length;
        _partialStale |= frames > 0;
    }

    /// <summary>Closes the utterance and returns its final text (empty when nothing was recognised).</summary>
    /// <exception cref="InvalidOperationException">No utterance is open.</exception>
    public string Finish()
    {
        string text = Decoder.EndUtterance();
        _partial = null;
        _partialStale = false;
        return text;
    }

    /// <summary>Gives the decoder back to the pool (closing an open utterance without a result).</summary>
    public void Dispose()
    {
        PocketSphinxDecoder? decoder = _decoder;
        if (decoder is not null)
        {
            _decoder = null;
            _pool.Return(decoder);
        }
    }
}
