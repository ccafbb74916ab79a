using System.Buffers;
using System.Runtime.CompilerServices;
using System.Text.RegularExpressions;
using System.Threading.Channels;

using Microsoft.Extensions.AI;

namespace Voxgate.Speech.Synthesis;

/// <summary>
/// Local US-English speech synthesis with flite, behind <see cref="ITextToSpeechClient"/>.
/// </summary>
/// <remarks>
/// <para>Output: raw 16-bit little-endian mono PCM in <see cref="DataContent"/>s whose media type carries the rate,
/// <c>audio/pcm;rate=24000</c> (see <see cref="GetMediaType"/>). The rate is
/// <c>options.AdditionalProperties["sample_rate"]</c> (<see cref="SampleRatePropertyName"/>), default 24000;
/// flite's 16 kHz voices are resampled to it.</para>
/// <para>Voices: <c>slt</c> (default), <c>rms</c>, <c>awb</c>, <c>kal16</c>, and the OpenAI voice names mapped onto
/// them (<see cref="VoiceAliases"/>). <see cref="TextToSpeechOptions.Speed"/> stretches the duration.</para>
/// <para>Text is synthesised sentence by sentence, so first audio comes after one sentence's analysis (~40 ms)
/// and streaming yields <see cref="TextToSpeechResponseUpdateKind.AudioUpdating"/> chunks of 40 ms (the last one may
/// be shorter). Cancelling stops the native synthesis within one chunk. Thread-safe.</para>
/// </remarks>
public sealed partial class FliteTextToSpeechClient : ITextToSpeechClient
{
    /// <summary>The output rate when the options ask for none.</summary>
    public const int DefaultSampleRate = 24000;

    /// <summary>The <see cref="TextToSpeechOptions.AdditionalProperties"/> key of the output sample rate (an integer, Hz).</summary>
    public const string SampleRatePropertyName = "sample_rate";

    /// <summary>The model id reported in responses.</summary>
    public const string ModelId = "flite-2.2";

    private const int ChunkMilliseconds = 40;

    /// <summary>The longest piece of text (about ten seconds of speech) flite gets in one call.</summary>
    internal const int MaxWordsPerPiece = 30;

    // How many sentences synthesis may run ahead of the consumer.
    private const int SentencesAhead = 2;

    private readonly FliteVoicePool _voices = FliteVoicePool.Shared;
    private readonly TextToSpeechClientMetadata _metadata = new("flite", providerUri: null, defaultModelId: ModelId);
    private long _samplesSynthesized;
    private int _abortedSyntheses;

    /// <summary>Creates the client.</summary>
    /// <param name="defaultVoice">The voice when the options name none: a flite voice or an OpenAI voice name.</param>
    /// <exception cref="ArgumentException">The voice is unknown.</exception>
    public FliteTextToSpeechClient(string defaultVoice = "slt")
    {
        DefaultVoice = ResolveVoice(defaultVoice);
    }

    /// <summary>The flite voices: slt (female), rms (male), awb (male, Scottish), kal16 (male, diphone).</summary>
    public static IReadOnlyList<string> Voices => FliteNative.VoiceNames;

    /// <summary>OpenAI voice names and the flite voice each one speaks with.</summary>
    public static IReadOnlyDictionary<string, string> VoiceAliases { get; } = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
    {
        ["alloy"] = "slt",
        ["coral"] = "slt",
        ["nova"] = "slt",
        ["sage"] = "slt",
        ["shimmer"] = "slt",
        ["marin"] = "slt",
        ["ash"] = "rms",
        ["echo"] = "rms",
        ["onyx"] = "rms",
        ["cedar"] = "rms",
        ["ballad"] = "awb",
        ["fable"] = "awb",
        ["verse"] = "kal16",
    };

    /// <summary>The flite voice used when the options name none.</summary>
    public string DefaultVoice { get; }

    /// <summary>Native samples synthesised by this client so far (diagnostics and tests).</summary>
    internal long SamplesSynthesized => Interlocked.Read(ref _samplesSynthesized);

    /// <summary>Syntheses this client stopped early through the native callback (diagnostics and tests).</summary>
    internal int AbortedSyntheses => Volatile.Read(ref _abortedSyntheses);

    /// <summary>The flite voice for a flite or OpenAI voice name (case-insensitive); null means <c>slt</c>.</summary>
    /// <exception cref="ArgumentException">The voice is unknown; the message lists the valid ones.</exception>
    public static string ResolveVoice(string? voiceId)
    {
        if (string.IsNullOrWhiteSpace(voiceId))
        {
            return "slt";
        }

        string trimmed = voiceId.Trim();
        foreach (string voice in Voices)
        {
            if (string.Equals(voice, trimmed, StringComparison.OrdinalIgnoreCase))
            {
                return voice;
            }
        }

        if (VoiceAliases.TryGetValue(trimmed, out string? mapped))
        {
            return mapped;
        }

        throw new ArgumentException(
            $"Unknown voice '{voiceId}'. Valid voices: {string.Join(", ", Voices)}, or one of {string.Join(", ", VoiceAliases.Keys)}.",
            nameof(voiceId));
    }

    /// <summary>The output rate the options ask for (<see cref="SampleRatePropertyName"/>), or <see cref="DefaultSampleRate"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The rate is outside 8000–48000 Hz.</exception>
    public static int GetSampleRate(TextToSpeechOptions? options)
    {
        if (options?.AdditionalProperties is { } properties && properties.TryGetValue(SampleRatePropertyName, out int rate))
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(rate, 8000, SampleRatePropertyName);
            ArgumentOutOfRangeException.ThrowIfGreaterThan(rate, 48000, SampleRatePropertyName);
            return rate;
        }

        return DefaultSampleRate;
    }

    /// <summary>The media type of the output at <paramref name="sampleRate"/>: <c>audio/pcm;rate=24000</c>.</summary>
    public static string GetMediaType(int sampleRate) => $"audio/pcm;rate={sampleRate}";

    /// <inheritdoc />
    public async Task<TextToSpeechResponse> GetAudioAsync(
        string text, TextToSpeechOptions? options = null, CancellationToken cancellationToken = default)
    {
        int rate = GetSampleRate(options);
        using var audio = new MemoryStream();
        string? responseId = null;
        await foreach (TextToSpeechResponseUpdate update in GetStreamingAudioAsync(text, options, cancellationToken).ConfigureAwait(false))
        {
            responseId = update.ResponseId;
            foreach (AIContent content in update.Contents)
            {
                if (content is DataContent data)
                {
                    audio.Write(data.Data.Span);
                    (data as PooledAudioContent)?.Release();
                }
            }
        }

        return new TextToSpeechResponse([new DataContent(audio.ToArray(), GetMediaType(rate))])
        {
            ResponseId = responseId ?? NewResponseId(),
            ModelId = ModelId,
        };
    }

    /// <inheritdoc />
    public async IAsyncEnumerable<TextToSpeechResponseUpdate> GetStreamingAudioAsync(
        string text,
        TextToSpeechOptions? options = null,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(text);
        string voice = options?.VoiceId is null ? DefaultVoice : ResolveVoice(options.VoiceId);
        int rate = GetSampleRate(options);
        CheckFormat(options?.AudioFormat);
        float durationStretch = options?.Speed is float speed and > 0 ? Math.Clamp(1f / speed, 0.25f, 4f) : 1f;
        string[] sentences = SplitSentences(text);
        if (sentences.Length == 0)
        {
            yield break;
        }

        string responseId = NewResponseId();
        string mediaType = GetMediaType(rate);
        var chunks = Channel.CreateUnbounded<FliteChunk>(new UnboundedChannelOptions { SingleReader = true, SingleWriter = true });
        using var credits = new SemaphoreSlim(SentencesAhead);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        Task producer = ProduceAsync(sentences, voice, rate, durationStretch, chunks.Writer, credits, stop.Token);
        try
        {
            await foreach (FliteChunk chunk in chunks.Reader.ReadAllAsync(cancellationToken).ConfigureAwait(false))
            {
                // The channel hands out buffered chunks without looking at the token.
                cancellationToken.ThrowIfCancellationRequested();
                if (chunk.SentenceEnd)
                {
                    credits.Release();
                    continue;
                }

                // The chunk's pooled buffer goes with it: a consumer that knows PooledAudioContent takes it over.
                yield return new TextToSpeechResponseUpdate([new PooledAudioContent(chunk.Data!, chunk.Length, mediaType)])
                {
                    Kind = TextToSpeechResponseUpdateKind.AudioUpdating,
                    ResponseId = responseId,
                    ModelId = ModelId,
                };
            }
        }
        finally
        {
            // Reached on completion, failure, cancellation or an early break: stop flite and wait for it to let go of the voice.
            await stop.CancelAsync().ConfigureAwait(false);
            await producer.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            while (chunks.Reader.TryRead(out FliteChunk left))
            {
                if (left.Data is { } unread)
                {
                    ArrayPool<byte>.Shared.Return(unread);
                }
            }
        }
    }

    /// <inheritdoc />
    public object? GetService(Type serviceType, object? serviceKey = null)
    {
        ArgumentNullException.ThrowIfNull(serviceType);
        if (serviceKey is not null)
        {
            return null;
        }

        if (serviceType == typeof(TextToSpeechClientMetadata))
        {
            return _metadata;
        }

        return serviceType.IsInstanceOfType(this) ? this : null;
    }

    /// <summary>Nothing to release: the native voices belong to the process.</summary>
    public void Dispose()
    {
    }

    /// <summary>
    /// Splits text after sentence punctuation and at line breaks, and sentences longer than
    /// <see cref="MaxWordsPerPiece"/> words at commas or, failing that, every <see cref="MaxWordsPerPiece"/> words.
    /// Pieces are what flite synthesises in one call: shorter pieces mean earlier first audio and quicker cancellation.
    /// </summary>
    internal static string[] SplitSentences(string text)
    {
        var pieces = new List<string>();
        foreach (string sentence in SentenceBreak().Split(text))
        {
            string trimmed = sentence.Trim();
            if (!trimmed.Any(char.IsLetterOrDigit))
            {
                continue;
            }

            string[] words = trimmed.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
            if (words.Length <= MaxWordsPerPiece)
            {
                pieces.Add(trimmed);
                continue;
            }

            var piece = new List<string>();
            foreach (string word in words)
            {
                piece.Add(word);
                bool clauseEnds = word.EndsWith(',') && piece.Count >= MaxWordsPerPiece / 3;
                if (clauseEnds || piece.Count == MaxWordsPerPiece)
                {
                    pieces.Add(string.Join(' ', piece));
                    piece.Clear();
                }
            }

            if (piece.Count > 0)
            {
                pieces.Add(string.Join(' ', piece));
            }
        }

        return [.. pieces];
    }

    private async Task ProduceAsync(
        string[] sentences, string voice, int rate, float durationStretch, ChannelWriter<FliteChunk> writer, SemaphoreSlim credits, CancellationToken cancellationToken)
    {
        var sink = new FliteStreamingSink(writer, rate, ChunkMilliseconds, cancellationToken);
        try
        {
            foreach (string sentence in sentences)
            {
                await credits.WaitAsync(cancellationToken).ConfigureAwait(false);
                await _voices.SynthesizeAsync(voice, sentence, sink, durationStretch, cancellationToken).ConfigureAwait(false);

                if (sink.Aborted)
                {
                    Interlocked.Increment(ref _abortedSyntheses);
                }

                cancellationToken.ThrowIfCancellationRequested();
                writer.TryWrite(new FliteChunk(null, 0, SentenceEnd: true));
            }

            sink.Complete();
            writer.TryComplete();
        }
#pragma warning disable CA1031 // Every failure, cancellation included, is handed to the reader through the channel.
        catch (Exception ex)
        {
            writer.TryComplete(ex);
        }
#pragma warning restore CA1031
        finally
        {
            sink.ReleaseBuffer();
            Interlocked.Add(ref _samplesSynthesized, sink.InputSamples);
        }
    }

    private static void CheckFormat(string? format)
    {
        if (format is null
            || format.Equals("pcm", StringComparison.OrdinalIgnoreCase)
            || format.Equals("pcm16", StringComparison.OrdinalIgnoreCase)
            || format.StartsWith("audio/pcm", StringComparison.OrdinalIgnoreCase))
        {
            return;
        }

        throw new NotSupportedException($"The local synthesiser only produces 16-bit PCM (audio/pcm), not '{format}'.");
    }

    private static string NewResponseId() => Guid.NewGuid().ToString("N");

    [GeneratedRegex(@"(?<=[.!?;:])\s+|[\r\n]+", RegexOptions.CultureInvariant)]
    private static partial Regex SentenceBreak();
}
