using Voxgate.Speech.Recognition;
using Voxgate.Speech.Recognition.LanguageModel;
using Voxgate.Speech.Synthesis;
using Voxgate.Speech.Vad;

namespace Voxgate.Speech.Engine;

/// <summary>
/// The local engine's shared, heavy parts — one VAD model, a pool of speech recognisers, the flite voices —
/// loaded once and used by every session.
/// </summary>
public sealed class LocalSpeechEngine : IDisposable
{
    private readonly PocketSphinxSpeechToTextClient _recognition;

    /// <summary>Loads the engine's models as <paramref name="options"/> describe.</summary>
    public LocalSpeechEngine(LocalEngineOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        Vad = new SileroVad(options.ResolvedVadModelPath);
        FrontDeskLanguageModel? frontDesk = (float)options.AnswerModelWeight == FrontDeskLanguageModel.DefaultAnswerWeight
            ? null
            : new FrontDeskLanguageModel(answerWeight: (float)options.AnswerModelWeight);
        _recognition = new PocketSphinxSpeechToTextClient(
            options.SpeechModelDirectory, options.RecognizerPoolSize, languageModelFile: options.ResolvedLanguageModel, domainModel: frontDesk);
        Speech = new FliteTextToSpeechClient(options.Voice);
        DefaultVoice = options.Voice;
        Recognizers = new PooledRecognizers(_recognition);
    }

    /// <summary>Silero VAD: one inference session for all streams.</summary>
    public SileroVad Vad { get; }

    /// <summary>Speech recognition as a Microsoft.Extensions.AI client.</summary>
    public PocketSphinxSpeechToTextClient Recognition => _recognition;

    /// <summary>Speech synthesis as a Microsoft.Extensions.AI client.</summary>
    public FliteTextToSpeechClient Speech { get; }

    /// <summary>The voice sessions start with.</summary>
    public string DefaultVoice { get; }

    /// <summary>Where sessions rent their recognisers (settable so that tests can see what each utterance was started with).</summary>
    internal IUtteranceRecognizerSource Recognizers { get; set; }

    /// <summary>Loads <paramref name="recognizers"/> recognisers now, so the first caller does not wait for them.</summary>
    public Task WarmUpAsync(int recognizers, CancellationToken cancellationToken = default)
        => _recognition.PrewarmAsync(recognizers, cancellationToken);

    /// <inheritdoc />
    public void Dispose()
    {
        _recognition.Dispose();
        Speech.Dispose();
        Vad.Dispose();
    }

    private sealed class PooledRecognizers(PocketSphinxSpeechToTextClient client) : IUtteranceRecognizerSource
    {
        public async ValueTask<IUtteranceRecognizer> RentAsync(CancellationToken cancellationToken)
            => new Recognizer(await client.CreateRecognizerAsync(cancellationToken).ConfigureAwait(false));
    }

    private sealed class Recognizer(PocketSphinxRecognizer inner) : IUtteranceRecognizer
    {
        public string? PartialHypothesis => inner.PartialHypothesis;

        public float[]? ChannelState => inner.ChannelState;

        public void AdaptTo(float[] channelState) => inner.AdaptTo(channelState);

        public void Start(ExpectedAnswer expected) => inner.Start(expected);

        public void Accept(ReadOnlySpan<short> pcm16k) => inner.Accept(pcm16k);

        public string Finish() => inner.Finish();

        public void Dispose() => inner.Dispose();
    }
}
