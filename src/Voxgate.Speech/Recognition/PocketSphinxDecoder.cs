using Voxgate.Speech.Recognition.LanguageModel;

namespace Voxgate.Speech.Recognition;

/// <summary>
/// One loaded pocketsphinx decoder: the native handle plus what is needed to make it look freshly loaded again.
/// Single-threaded; owned by <see cref="PocketSphinxDecoderPool"/> and lent to one stream at a time.
/// </summary>
internal sealed class PocketSphinxDecoder : IDisposable
{
    private readonly CmdLnHandle _config;
    private readonly PocketSphinxDecoderHandle _handle;
    private readonly float[]? _initialCmn;

    // The interpolated language-model set (null with a single model), its models' names, and its weights per expected answer.
    private readonly NGramModelHandle? _set;
    private readonly string[] _setNames = [];
    private readonly float[][] _weights = [];
    private ExpectedAnswer _listeningFor;

    /// <exception cref="FileNotFoundException">A model file is missing (checked first: sphinxbase may exit the process on some).</exception>
    public PocketSphinxDecoder(PocketSphinxModelPaths paths)
    {
        string? missing = paths.FindMissing().FirstOrDefault();
        if (missing is not null)
        {
            throw new FileNotFoundException($"Missing {missing}.");
        }

        // The domain model is built (or found in its cache) before the first decoder needs it, off the caller's thread.
        FrontDeskLanguageModel? frontDesk = paths.DomainModel;
        string? domainModel = frontDesk?.EnsureBuilt(paths.DictionaryFile);
        _config = domainModel is null
            ? PocketSphinxNative.CreateConfig(paths.AcousticModelDirectory, paths.LanguageModelFile, paths.DictionaryFile)
            : PocketSphinxNative.CreateConfig(paths.AcousticModelDirectory, null, paths.DictionaryFile, frontDesk!.LanguageWeight);
        try
        {
            _handle = PocketSphinxNative.CreateDecoder(_config);
        }
        catch
        {
            _config.Dispose();
            throw;
        }

        if (domainModel is not null)
        {
            try
            {
                // The answer models first and the domain model last: a set reports the n-gram order its last model used.
                IReadOnlyList<(ExpectedAnswer Answer, string Path)> answers = frontDesk!.EnsureAnswerModelsBuilt(paths.DictionaryFile);
                var models = new List<(string Name, string Path, bool Arpa)>(answers.Count + 2);
                models.AddRange(answers.Select(a => (a.Answer.ToString(), a.Path, true)));
                models.Add(("general", paths.LanguageModelFile, false));
                models.Add(("domain", domainModel, true));
                _setNames = [.. models.Select(m => m.Name)];
                ExpectedAnswer[] answerKinds = [.. answers.Select(a => a.Answer)];
                _weights = [.. Enum.GetValues<ExpectedAnswer>().Select(e => frontDesk.WeightsFor(e, answerKinds))];
                _set = PocketSphinxNative.UseInterpolatedModels(_handle, models, _weights[(int)ExpectedAnswer.Anything]);
            }
            catch
            {
                Dispose();
                throw;
            }
        }

        _initialCmn = PocketSphinxNative.GetLiveCmn(_handle);
        if (_initialCmn is not null)
        {
            // Made from the configuration ps_init filled with the model's feature parameters, so its cepstra are the decoder's.
            // Without one, first utterances are decoded with the model's channel, as every utterance once was.
            ChannelEstimator? estimator = null;
            try
            {
                estimator = new ChannelEstimator(_config);
            }
            catch (InvalidOperationException)
            {
            }

            if (estimator?.Length == _initialCmn.Length)
            {
                ChannelEstimator = estimator;
            }
            else
            {
                estimator?.Dispose();
            }
        }
    }

    /// <summary>Whether <see cref="ResetStream"/> can restore the cepstral mean the model started with.</summary>
    public bool CanResetCmn => _initialCmn is not null;

    /// <summary>Whether an utterance is open.</summary>
    public bool InUtterance { get; private set; }

    /// <summary>How many streams this decoder has served (for tests and diagnostics).</summary>
    public int StreamsServed { get; private set; }

    /// <summary>What the next utterance is listened for: its answer model's weight, when there is a front-desk set.</summary>
    public void ListenFor(ExpectedAnswer expected)
    {
        if (InUtterance)
        {
            throw new InvalidOperationException("An utterance is open; the weights change between utterances.");
        }

        if (_set is null || expected == _listeningFor || (uint)expected >= (uint)_weights.Length)
        {
            return;
        }

        PocketSphinxNative.SetInterpolationWeights(_set, _setNames, _weights[(int)expected]);
        _listeningFor = expected;
    }

    public void StartUtterance()
    {
        if (InUtterance)
        {
            throw new InvalidOperationException("An utterance is already open; call Finish first.");
        }

        PocketSphinxNative.StartUtterance(_handle);
        InUtterance = true;
    }

    public int Process(ReadOnlySpan<short> samples)
    {
        if (!InUtterance)
        {
            throw new InvalidOperationException("No utterance is open; call Start first.");
        }

        return samples.IsEmpty ? 0 : PocketSphinxNative.ProcessRaw(_handle, samples);
    }

    public string? GetHypothesis() => PocketSphinxNative.GetHypothesis(_handle);

    public string EndUtterance()
    {
        if (!InUtterance)
        {
            throw new InvalidOperationException("No utterance is open; call Start first.");
        }

        InUtterance = false;
        PocketSphinxNative.EndUtterance(_handle);
        return Normalize(PocketSphinxNative.GetHypothesis(_handle));
    }

    /// <summary>The live CMN mean: what the decoder has learned of the current channel, or null if unreadable here.</summary>
    public float[]? GetChannelMean() => _initialCmn is null ? null : PocketSphinxNative.GetLiveCmn(_handle);

    /// <summary>Starts from a channel mean learned earlier on the same stream (a caller's previous utterances).</summary>
    public void SetChannelMean(ReadOnlySpan<float> mean)
    {
        if (_initialCmn is not null && mean.Length == _initialCmn.Length)
        {
            PocketSphinxNative.SetLiveCmn(_handle, mean);
        }
    }

    /// <summary>
    /// Estimates a caller's channel from their first audio, for <see cref="SetChannelMean"/>; null where the CMN state
    /// is unreadable here (the recognizer then decodes with the model's channel, as before).
    /// </summary>
    public ChannelEstimator? ChannelEstimator { get; }

    /// <summary>Puts the channel back to the model's initial mean, as a freshly loaded decoder has it.</summary>
    public void ForgetChannel()
    {
        if (_initialCmn is not null)
        {
            PocketSphinxNative.SetLiveCmn(_handle, _initialCmn);
        }
    }

    /// <summary>
    /// Makes the decoder forget the previous stream: closes an open utterance, resets the noise statistics
    /// and puts the live CMN back to the model's initial mean, so results do not depend on the previous caller.
    /// </summary>
    public void ResetStream()
    {
        if (InUtterance)
        {
            InUtterance = false;
            PocketSphinxNative.EndUtterance(_handle);
        }

        PocketSphinxNative.StartStream(_handle);
        ForgetChannel();

        StreamsServed++;
    }

    public void Dispose()
    {
        ChannelEstimator?.Dispose();
        _handle.Dispose();
        _set?.Dispose();
        _config.Dispose();
    }

    internal static string Normalize(string? hypothesis) => string.IsNullOrWhiteSpace(hypothesis) ? string.Empty : hypothesis.Trim();
}
