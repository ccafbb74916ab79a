using System.Buffers;

namespace Voxgate.Speech.Recognition;

/// <summary>
/// Frame-by-frame speech recognition on one pooled pocketsphinx decoder, for one audio stream (a call or a session).
/// <c>Start</c> an utterance, <c>Accept</c> 16 kHz mono 16-bit audio as it arrives, read <see cref="PartialHypothesis"/>
/// when useful and <c>Finish</c> to get the final text; repeat for the next utterance of the same stream.
/// Dispose to give the decoder back to the pool.
/// </summary>
/// <remarks>
/// <para>Not thread-safe, and synchronous: decoding costs roughly 0.15 × the audio duration in CPU, so call it from a
/// worker, not from a socket's receive loop. Utterances of one recognizer share the decoder's channel adaptation
/// (live CMN).</para>
/// <para>A recognizer not adapted to the caller (<see cref="AdaptTo"/>) learns their channel from the utterance itself:
/// live CMN applies one mean to a whole utterance and moves it only at the end, from a prior worth 500 frames, so a
/// caller's first utterance would be decoded against the model's default channel throughout. Instead, once about a
/// second of it has been heard (or at <see cref="Finish"/>, if it is shorter), its own mean is taken and that second is
/// decoded again with it. That costs about 0.1 s of CPU once per caller, mostly while they are still speaking, and on
/// the development sentences it halved the first-turn word error rate (docs/benchmarks.md).</para>
/// </remarks>
public sealed class PocketSphinxRecognizer : IDisposable
{
    /// <summary>The sample rate <see cref="Accept"/> expects.</summary>
    public const int SampleRate = 16000;

    /// <summary>Frames (10 ms each, silence not counted) whose mean is taken as the caller's channel: one second.</summary>
    internal const int ChannelLearnedFrames = 100;

    /// <summary>Fewer frames than this in a whole utterance say too little of the channel to decode it again.</summary>
    internal const int ChannelMinimumFrames = 30;

    // Audio kept while the channel is learned waits for at most this long (silence does not count towards the frames).
    private const int MaxLearningSamples = 10 * SampleRate;

    // One frame shift of pocketsphinx's front end (10 ms at 16 kHz).
    private const int LearningStepSamples = SampleRate / 100;

    private readonly PocketSphinxDecoderPool _pool;
    private PocketSphinxDecoder? _decoder;
    private string? _partial;
    private bool _partialStale;

    // Adapted to a caller's channel: given by AdaptTo, or learned from an earlier utterance of this recognizer.
    private bool _adapted;

    // The utterance so far while its channel is being learned (pooled), and whether the last utterance taught nothing.
    private short[]? _learning;
    private int _learningLength;
    private bool _channelUnknown;

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
    public float[]? ChannelState => _channelUnknown ? null : Decoder.GetChannelMean();

    /// <summary>Whether the open (or last) utterance was decoded again with the channel learned from it.</summary>
    public bool LearnedChannel { get; private set; }

    /// <summary>
    /// Starts from a channel learned on the same caller's earlier utterances. A pooled decoder otherwise starts every
    /// stream from the model's default, which costs accuracy at the start of each turn.
    /// </summary>
    public void AdaptTo(float[] channelState)
    {
        ArgumentNullException.ThrowIfNull(channelState);
        Decoder.SetChannelMean(channelState);
        _adapted = true;
    }

    /// <summary>Opens an utterance.</summary>
    /// <exception cref="InvalidOperationException">One is already open.</exception>
    public void Start()
    {
        PocketSphinxDecoder decoder = Decoder;
        bool learning = !_adapted && !decoder.InUtterance && decoder.StartLearningChannel();
        decoder.StartUtterance();
        SamplesAccepted = 0;
        _partial = null;
        _partialStale = false;
        _channelUnknown = false;
        LearnedChannel = false;
        if (learning)
        {
            _learning = ArrayPool<short>.Shared.Rent(2 * SampleRate);
            _learningLength = 0;
        }
    }

    /// <summary>Decodes the next block of 16 kHz mono audio (any length; 20–100 ms blocks work well).</summary>
    /// <exception cref="InvalidOperationException">No utterance is open.</exception>
    public void Accept(ReadOnlySpan<short> pcm16k)
    {
        SamplesAccepted += pcm16k.Length;

        // While the channel is learned, audio goes in 10 ms steps, so the point it is learned at (and with it the
        // words) does not depend on how the caller's audio happened to be cut into blocks.
        while (_learning is not null && !pcm16k.IsEmpty)
        {
            ReadOnlySpan<short> step = pcm16k[..Math.Min(LearningStepSamples, pcm16k.Length)];
            pcm16k = pcm16k[step.Length..];
            _partialStale |= Decoder.Process(step) > 0;
            KeepLearning(step);
        }

        if (!pcm16k.IsEmpty)
        {
            _partialStale |= Decoder.Process(pcm16k) > 0;
        }
    }

    /// <summary>Closes the utterance and returns its final text (empty when nothing was recognised).</summary>
    /// <exception cref="InvalidOperationException">No utterance is open.</exception>
    public string Finish()
    {
        PocketSphinxDecoder decoder = Decoder;
        if (_learning is not null && !TryDecodeAgainAdapted(ChannelMinimumFrames) && decoder.InUtterance)
        {
            // Too short to say anything of the channel: its words stand, and the next utterance learns it instead.
            StopLearning();
            string unadapted = decoder.EndUtterance();
            decoder.ForgetChannel();
            _channelUnknown = true;
            _partial = null;
            _partialStale = false;
            return unadapted;
        }

        string text = decoder.EndUtterance();
        _partial = null;
        _partialStale = false;
        return text;
    }

    private void KeepLearning(ReadOnlySpan<short> pcm16k)
    {
        if (_learningLength + pcm16k.Length > _learning!.Length)
        {
            short[] larger = ArrayPool<short>.Shared.Rent(Math.Max(_learning.Length * 2, _learningLength + pcm16k.Length));
            _learning.AsSpan(0, _learningLength).CopyTo(larger);
            ArrayPool<short>.Shared.Return(_learning);
            _learning = larger;
        }

        pcm16k.CopyTo(_learning.AsSpan(_learningLength));
        _learningLength += pcm16k.Length;
        if (!TryDecodeAgainAdapted(ChannelLearnedFrames) && _learningLength >= MaxLearningSamples)
        {
            // Mostly silence so far: decode on with the model's channel, and learn it at the end if there is enough.
            if (!TryDecodeAgainAdapted(ChannelMinimumFrames))
            {
                StopLearning();
                _channelUnknown = true;
            }
        }
    }

    /// <summary>
    /// With at least <paramref name="frames"/> counted, ends the unadapted pass (its words are not wanted), starts the
    /// utterance again on the mean of what was heard and decodes what was heard once more.
    /// </summary>
    private bool TryDecodeAgainAdapted(int frames)
    {
        PocketSphinxDecoder decoder = Decoder;
        Span<float> mean = stackalloc float[decoder.ChannelLength];
        if (mean.IsEmpty || !decoder.TryGetRunningChannelMean(mean, out int counted) || counted - 1 < frames)
        {
            return false;
        }

        decoder.EndUtterance();
        decoder.SetChannelMean(mean);
        decoder.StartUtterance();
        decoder.Process(_learning.AsSpan(0, _learningLength));
        StopLearning();
        _adapted = true;
        LearnedChannel = true;
        _partialStale = true;
        return true;
    }

    private void StopLearning()
    {
        if (_learning is { } buffer)
        {
            _learning = null;
            _learningLength = 0;
            ArrayPool<short>.Shared.Return(buffer);
        }
    }

    /// <summary>Gives the decoder back to the pool (closing an open utterance without a result).</summary>
    public void Dispose()
    {
        StopLearning();
        PocketSphinxDecoder? decoder = _decoder;
        if (decoder is not null)
        {
            _decoder = null;
            _pool.Return(decoder);
        }
    }
}
