using System.Runtime.InteropServices;
using Microsoft.Extensions.AI;
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
    /// <summary>What the warm-ups say: a question every brain can answer without tools.</summary>
    internal const string WarmUpSentence = "Hello, what are your opening hours?";

    private readonly PocketSphinxSpeechToTextClient _recognition;
    private readonly int _maxRecognizers;

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
        _maxRecognizers = options.RecognizerPoolSize;
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

    /// <summary>
    /// Loads <paramref name="recognizers"/> recognisers now and puts a short sentence through each stage once (synthesis,
    /// the VAD, every loaded recogniser), so the first caller waits for none of their first uses.
    /// </summary>
    /// <remarks>
    /// Loading alone left the first call after a start 150–200 ms late after its silence window against 0–35 ms for the
    /// calls after it (docs/benchmarks.md): the first inference, decode and synthesis of a process each pay for memory
    /// touched for the first time. A recogniser goes back to the pool reset for the next stream (noise statistics and
    /// channel mean as loaded), as after any caller, so the sentence leaves nothing behind in what the first caller hears.
    /// </remarks>
    public async Task WarmUpAsync(int recognizers, CancellationToken cancellationToken = default)
    {
        // More than the pool holds could never all be rented at once.
        recognizers = Math.Clamp(recognizers, 0, _maxRecognizers);
        await _recognition.PrewarmAsync(recognizers, cancellationToken).ConfigureAwait(false);
        var options = new TextToSpeechOptions { AdditionalProperties = new() { [FliteTextToSpeechClient.SampleRatePropertyName] = InputAudioPipeline.EngineRate } };
        TextToSpeechResponse spoken = await Speech.GetAudioAsync(WarmUpSentence, options, cancellationToken).ConfigureAwait(false);
        short[] speech = spoken.Contents.OfType<DataContent>().SelectMany(d => MemoryMarshal.Cast<byte, short>(d.Data.Span).ToArray()).ToArray();

        using (SileroVadStream vad = Vad.CreateStream())
        {
            for (int at = 0; at + SileroVad.FrameSamples <= speech.Length; at += SileroVad.FrameSamples)
            {
                vad.Process(speech.AsSpan(at, SileroVad.FrameSamples));
            }
        }

        // All at once, so each loaded recogniser is the one rented (an idle one would be rented again and again).
        var rented = new List<PocketSphinxRecognizer>();
        try
        {
            for (int i = 0; i < recognizers; i++)
            {
                rented.Add(await _recognition.CreateRecognizerAsync(cancellationToken).ConfigureAwait(false));
            }

            foreach (PocketSphinxRecognizer recognizer in rented)
            {
                recognizer.Start();
                recognizer.Accept(speech);
                recognizer.Finish();
            }
        }
        finally
        {
            foreach (PocketSphinxRecognizer recognizer in rented)
            {
                recognizer.Dispose();
            }
        }
    }

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
