using System.Buffers;

namespace Voxgate.Speech.Recognition;

/// <summary>
/// Frame-by-frame speech recognition on one pooled pocketsphinx decoder, for one audio stream (a call or a session).
/// <c>Start</c> an utterance, <c>Accept</c> 16 kHz mono 16-bit audio as it arrives, read <see cref="PartialHypothesis"/>
/// when useful and <c>Finish</c> to get the final text; repeat for the next utterance of the same stream.
/// Dispose to give the decoder back to the pool.
/// </summary>
/// <remarks>
/// <para>Not thread-safe, and synchronous: decoding costs roughly 0.2–0.4 × the audio duration in CPU, so call it from a
/// worker, not from a socket's receive loop. Utterances of one recognizer share the decoder's channel adaptation
/// (live CMN).</para>
/// <para>A recognizer not adapted to the caller (<see cref="AdaptTo"/>) learns their channel from the utterance itself:
/// live CMN applies one mean to a whole utterance and moves it only at the end, from a prior worth 500 frames, so a
/// caller's first utterance would be decoded against the model's default channel throughout. Instead, its first second
/// is held back while a front end of its own (<see cref="ChannelEstimator"/>) measures the caller's mean, and is then
/// decoded with that mean: at <see cref="Finish"/> if the utterance is shorter, and with the model's mean if under 0.3 s
/// of it was voiced. The decoding work is the same, only that second's comes in one go. On the development sentences
/// the first-turn word error rate halved (docs/benchmarks.md).</para>
/// </remarks>
public sealed class PocketSphinxRecognizer : IDisposable
{
    /// <summary>The sample rate <see cref="Accept"/> expects.</summary>
    public const int SampleRate = 16000;

    /// <summary>Frames (10 ms each, silence not counted) whose mean is taken as the caller's channel: one second.</summary>
    internal const int ChannelLearnedFrames = 100;

    /// <summary>Fewer frames than this in a whole utterance say too little of the channel to decode it with.</summary>
    internal const int ChannelMinimumFrames = 30;

    // Audio is held back for at most a second (silence and padding do not count towards the frames), so that by the
    // time a turn's silence window runs the decoder has caught up, and a burst never lands on the reply's path.
    private const int MaxHeldBackSamples = SampleRate;

    // One frame shift of pocketsphinx's front end (10 ms at 16 kHz).
    private const int LearningStepSamples = SampleRate / 100;

    private readonly PocketSphinxDecoderPool _pool;
    private PocketSphinxDecoder? _decoder;
    private string? _partial;
    private bool _partialStale;

    // Adapted to a caller's channel: given by AdaptTo, or learned from an earlier utterance of this recognizer.
    private bool _adapted;

    // While the channel is learned: the estimator and the audio held back from the decoder (pooled).
    private ChannelEstimator? _estimator;
    private short[]? _heldBack;
    private int _heldBackLength;

    // The last utterance was too short to learn from: nothing to hand on.
    private bool _channelUnknown;

    internal PocketSphinxRecognizer(PocketSphinxDecoderPool pool, PocketSphinxDecoder decoder)
    {
        _pool = pool;
        _decoder = decoder;
    }

    /// <summary>Whether an utterance is open (between <see cref="Start()"/> and <see cref="Finish"/>).</summary>
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

    /// <summary>Whether the open (or last) utterance was decoded with the channel learned from its own first audio.</summary>
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

    /// <summary>Opens an utterance, listening as for a first turn.</summary>
    /// <exception cref="InvalidOperationException">One is already open.</exception>
    public void Start() => Start(ExpectedAnswer.Anything);

    /// <summary>
    /// Opens an utterance that answers a question: with the front-desk model, a language model of that kind of answer
    /// is weighted in for this utterance (names are where the acoustics say least; today only they have a model).
    /// </summary>
    /// <exception cref="InvalidOperationException">One is already open.</exception>
    public void Start(ExpectedAnswer expected)
    {
        PocketSphinxDecoder decoder = Decoder;
        decoder.ListenFor(expected);
        decoder.StartUtterance();
        SamplesAccepted = 0;
        _partial = null;
        _partialStale = false;
        _channelUnknown = false;
        LearnedChannel = false;
        if (!_adapted && decoder.ChannelEstimator is { } estimator)
        {
            estimator.Start();
            _estimator = estimator;
            _heldBack = ArrayPool<short>.Shared.Rent(MaxHeldBackSamples + LearningStepSamples);
            _heldBackLength = 0;
        }
    }

    /// <summary>Decodes the next block of 16 kHz mono audio (any length; 20–100 ms blocks work well).</summary>
    /// <exception cref="InvalidOperationException">No utterance is open.</exception>
    public void Accept(ReadOnlySpan<short> pcm16k)
    {
        PocketSphinxDecoder decoder = Decoder;
        if (!decoder.InUtterance)
        {
            throw new InvalidOperationException("No utterance is open; call Start first.");
        }

        SamplesAccepted += pcm16k.Length;

        // While the channel is learned, audio goes in 10 ms steps, so the point it is learned at (and with it the
        // words) does not depend on how the caller's audio happened to be cut into blocks.
        while (_estimator is not null && !pcm16k.IsEmpty)
        {
            ReadOnlySpan<short> step = pcm16k[..Math.Min(LearningStepSamples, pcm16k.Length)];
            pcm16k = pcm16k[step.Length..];
            HoldBack(step);
        }

        if (!pcm16k.IsEmpty)
        {
            _partialStale |= decoder.Process(pcm16k) > 0;
        }
    }

    /// <summary>Closes the utterance and returns its final text (empty when nothing was recognised).</summary>
    /// <exception cref="InvalidOperationException">No utterance is open.</exception>
    public string Finish()
    {
        PocketSphinxDecoder decoder = Decoder;
        bool unknown = false;
        if (_estimator is not null)
        {
            // Shorter than a second: decode it now, with what it told of the channel if that is enough.
            unknown = !TryDecodeHeldBack(ChannelMinimumFrames);
            if (unknown)
            {
                DecodeHeldBackUnadapted();
            }
        }

        string text = decoder.EndUtterance();
        if (unknown)
        {
            // Too short to say anything of the channel: the next utterance learns it instead.
            decoder.ForgetChannel();
            _channelUnknown = true;
        }

        _partial = null;
        _partialStale = false;
        return text;
    }

    private void HoldBack(ReadOnlySpan<short> step)
    {
        // Never more than a second plus a step: the second is decoded once it is full.
        step.CopyTo(_heldBack.AsSpan(_heldBackLength));
        _heldBackLength += step.Length;
        _estimator!.Accept(step);
        if (!TryDecodeHeldBack(ChannelLearnedFrames) && _heldBackLength >= MaxHeldBackSamples && !TryDecodeHeldBack(ChannelMinimumFrames))
        {
            // Mostly silence so far: decode on with the model's channel, and let the next utterance learn it.
            DecodeHeldBackUnadapted();
            _channelUnknown = true;
        }
    }

    /// <summary>With at least <paramref name="frames"/> counted, decodes the held-back audio normalised for this caller's channel.</summary>
    private bool TryDecodeHeldBack(int frames)
    {
        ChannelEstimator estimator = _estimator!;
        if (estimator.Frames < frames)
        {
            return false;
        }

        PocketSphinxDecoder decoder = Decoder;
        Span<float> mean = stackalloc float[estimator.Length];
        estimator.GetMean(mean);
        decoder.SetChannelMean(mean);
        _partialStale |= decoder.Process(_heldBack.AsSpan(0, _heldBackLength)) > 0;
        StopLearning();
        _adapted = true;
        LearnedChannel = true;
        return true;
    }

    private void DecodeHeldBackUnadapted()
    {
        _partialStale |= Decoder.Process(_heldBack.AsSpan(0, _heldBackLength)) > 0;
        StopLearning();
    }

    private void StopLearning()
    {
        _estimator = null;
        if (_heldBack is { } buffer)
        {
            _heldBack = null;
            _heldBackLength = 0;
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
