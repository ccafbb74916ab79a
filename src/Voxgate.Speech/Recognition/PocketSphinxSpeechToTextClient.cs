using System.Runtime.CompilerServices;

using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;
using Voxgate.Speech.Recognition.LanguageModel;

namespace Voxgate.Speech.Recognition;

/// <summary>
/// Local US-English speech recognition with pocketsphinx, behind <see cref="ISpeechToTextClient"/>.
/// </summary>
/// <remarks>
/// <para>Input: raw 16-bit little-endian mono PCM at <see cref="SpeechToTextOptions.SpeechSampleRate"/> (default 16000;
/// other rates are resampled), or a 16-bit mono WAV stream.</para>
/// <para>Streaming yields <see cref="SpeechToTextResponseUpdateKind.TextUpdating"/> updates whose text is the whole
/// hypothesis so far (a snapshot that replaces the previous one, sent only when it changes), then one
/// <see cref="SpeechToTextResponseUpdateKind.TextUpdated"/> with the final text. Aggregate with
/// <see cref="GetTextAsync"/>, not by concatenating every update.</para>
/// <para>Audio that answers a question (a yes or no, a name) is recognised better when the options say so:
/// <see cref="ExpectedAnswers.PropertyName"/> in <see cref="SpeechToTextOptions.AdditionalProperties"/>.</para>
/// <para>For frame-by-frame use without streams, see <see cref="CreateRecognizerAsync"/>. Decoders are pooled
/// (<c>maxDecoders</c>); thread-safe.</para>
/// </remarks>
public sealed class PocketSphinxSpeechToTextClient : ISpeechToTextClient
{
    /// <summary>The model id reported in responses.</summary>
    public const string ModelId = "pocketsphinx-en-us";

    private readonly PocketSphinxDecoderPool _pool;
    private readonly SpeechToTextClientMetadata _metadata;

    /// <summary>Creates the client; no decoder is loaded until the first use or <see cref="PrewarmAsync"/>.</summary>
    /// <param name="modelDirectory">The pocketsphinx en-us model folder; default <c>/usr/share/pocketsphinx/model/en-us</c>.</param>
    /// <param name="maxDecoders">Decoders kept loaded at most, i.e. concurrent recognitions (each ~40 MB).</param>
    /// <param name="logger">Receives decoder load events; never audio or text.</param>
    /// <param name="languageModelFile">
    /// An n-gram language model (ARPA or sphinx binary) used alone; null uses the folder's general <c>en-us.lm.bin</c>
    /// interpolated with <paramref name="domainModel"/>. Pass the general file itself to decode without a domain model.
    /// </param>
    /// <param name="domainModel">The domain model interpolated with the general one; default <see cref="FrontDeskLanguageModel.Default"/>.</param>
    public PocketSphinxSpeechToTextClient(
        string? modelDirectory = null, int maxDecoders = 2, ILogger? logger = null, string? languageModelFile = null, FrontDeskLanguageModel? domainModel = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxDecoders, 1);
        var paths = PocketSphinxModelPaths.FromDirectory(modelDirectory ?? PocketSphinxModelPaths.DefaultModelDirectory, languageModelFile) with
        {
            DomainModel = languageModelFile is null ? domainModel ?? FrontDeskLanguageModel.Default : null,
        };
        _pool = new PocketSphinxDecoderPool(paths, maxDecoders, logger);
        _metadata = new SpeechToTextClientMetadata("pocketsphinx", providerUri: null, defaultModelId: ModelId);
    }

    internal PocketSphinxDecoderPool Pool => _pool;

    /// <summary>Loads <paramref name="decoders"/> decoders now (about 0.5 s each, off the caller's thread).</summary>
    public Task PrewarmAsync(int decoders = 1, CancellationToken cancellationToken = default)
        => _pool.PrewarmAsync(decoders, cancellationToken);

    /// <summary>
    /// Rents a decoder for one audio stream and wraps it in a frame-by-frame recognizer; waits when all decoders
    /// are in use. Dispose the recognizer to return the decoder.
    /// </summary>
    public async ValueTask<PocketSphinxRecognizer> CreateRecognizerAsync(CancellationToken cancellationToken = default)
    {
        PocketSphinxDecoder decoder = await _pool.RentAsync(cancellationToken).ConfigureAwait(false);
        return new PocketSphinxRecognizer(_pool, decoder);
    }

    /// <inheritdoc />
    public async Task<SpeechToTextResponse> GetTextAsync(
        Stream audioSpeechStream, SpeechToTextOptions? options = null, CancellationToken cancellationToken = default)
    {
        SpeechToTextResponseUpdate? final = null;
        await foreach (SpeechToTextResponseUpdate update in GetStreamingTextAsync(audioSpeechStream, options, cancellationToken).ConfigureAwait(false))
        {
            if (update.Kind == SpeechToTextResponseUpdateKind.TextUpdated)
            {
                final = update;
            }
        }

        return new SpeechToTextResponse(final?.Text ?? string.Empty)
        {
            ResponseId = final?.ResponseId,
            ModelId = ModelId,
            StartTime = final?.StartTime,
            EndTime = final?.EndTime,
        };
    }

    /// <inheritdoc />
    public async IAsyncEnumerable<SpeechToTextResponseUpdate> GetStreamingTextAsync(
        Stream audioSpeechStream,
        SpeechToTextOptions? options = null,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(audioSpeechStream);
        CheckLanguage(options?.SpeechLanguage);
        var reader = new PcmStreamReader(audioSpeechStream, options?.SpeechSampleRate ?? PocketSphinxRecognizer.SampleRate);
        string responseId = Guid.NewGuid().ToString("N");

        using PocketSphinxRecognizer recognizer = await CreateRecognizerAsync(cancellationToken).ConfigureAwait(false);
        recognizer.Start(ExpectedAnswers.From(options?.AdditionalProperties) ?? ExpectedAnswer.Anything);
        string? lastPartial = null;
        while (true)
        {
            ReadOnlyMemory<short> block = await reader.ReadAsync(cancellationToken).ConfigureAwait(false);
            if (block.IsEmpty)
            {
                break;
            }

            // Decoding is CPU work (0.2–0.4 × real time): keep it off the thread that reads the stream.
            string? partial = await Task.Run(
                () =>
                {
                    recognizer.Accept(block.Span);
                    return recognizer.PartialHypothesis;
                },
                cancellationToken).ConfigureAwait(false);

            if (partial is not null && partial != lastPartial)
            {
                lastPartial = partial;
                yield return CreateUpdate(partial, SpeechToTextResponseUpdateKind.TextUpdating, responseId, recognizer.Duration);
            }
        }

        string text = await Task.Run(recognizer.Finish, cancellationToken).ConfigureAwait(false);
        yield return CreateUpdate(text, SpeechToTextResponseUpdateKind.TextUpdated, responseId, recognizer.Duration);
    }

    /// <inheritdoc />
    public object? GetService(Type serviceType, object? serviceKey = null)
    {
        ArgumentNullException.ThrowIfNull(serviceType);
        if (serviceKey is not null)
        {
            return null;
        }

        if (serviceType == typeof(SpeechToTextClientMetadata))
        {
            return _metadata;
        }

        return serviceType.IsInstanceOfType(this) ? this : null;
    }

    /// <summary>Unloads the idle decoders; decoders still lent are unloaded when returned.</summary>
    public void Dispose() => _pool.Dispose();

    private static SpeechToTextResponseUpdate CreateUpdate(string text, SpeechToTextResponseUpdateKind kind, string responseId, TimeSpan end)
        => new(text)
        {
            Kind = kind,
            ResponseId = responseId,
            ModelId = ModelId,
            StartTime = TimeSpan.Zero,
            EndTime = end,
        };

    private static void CheckLanguage(string? language)
    {
        if (!string.IsNullOrEmpty(language) && !language.StartsWith("en", StringComparison.OrdinalIgnoreCase))
        {
            throw new NotSupportedException($"The local recogniser only knows US English, not '{language}'.");
        }
    }
}
