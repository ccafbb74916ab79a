using System.Buffers;
using Microsoft.Extensions.AI;
using Voxgate.Audio;
using Voxgate.Speech.Synthesis;

namespace Voxgate.Speech.Engine;

/// <summary>
/// Generates one response: streams the brain's reply, speaks it sentence by sentence, and posts text, audio and
/// tool calls back to the session in order. Audio is paced to stay at most <c>OutputLeadMs</c> ahead of the
/// session clock, so an interrupted reply stops costing synthesis at once.
/// </summary>
internal sealed class ResponseGenerator
{
    private readonly IChatClient _brain;
    private readonly ITextToSpeechClient _speech;
    private readonly SessionClock _clock;
    private readonly int _leadMs;

    public ResponseGenerator(IChatClient brain, ITextToSpeechClient speech, SessionClock clock, int leadMs)
    {
        _brain = brain;
        _speech = speech;
        _clock = clock;
        _leadMs = leadMs;
    }

    public async Task RunAsync(ResponseRequest request, Func<EngineSignal, ValueTask> post, CancellationToken cancellationToken)
    {
        var sentences = new SentenceAccumulator();
        long generatedMs = 0;
        int outputWords = 0;
        ExpectedAnswer expected = ExpectedAnswer.Anything;
        try
        {
            await foreach (ChatResponseUpdate update in _brain.GetStreamingResponseAsync(request.Messages, request.ChatOptions, cancellationToken).ConfigureAwait(false))
            {
                if (ExpectedAnswers.From(update.AdditionalProperties) is { } answer && answer != expected)
                {
                    expected = answer;
                    await post(new ResponseExpects(request.ResponseId, answer)).ConfigureAwait(false);
                }

                foreach (AIContent content in update.Contents)
                {
                    switch (content)
                    {
                        case TextContent text when !string.IsNullOrEmpty(text.Text):
                            foreach (string sentence in sentences.Add(text.Text))
                            {
                                outputWords += CountWords(sentence);
                                generatedMs = await SpeakAsync(request, sentence, generatedMs, post, cancellationToken).ConfigureAwait(false);
                            }

                            break;
                        case FunctionCallContent call:
                            if (sentences.Flush() is { } before)
                            {
                                outputWords += CountWords(before);
                                generatedMs = await SpeakAsync(request, before, generatedMs, post, cancellationToken).ConfigureAwait(false);
                            }

                            string arguments = System.Text.Json.JsonSerializer.Serialize(call.Arguments ?? new Dictionary<string, object?>(), EngineJsonContext.Default.IDictionaryStringObject);
                            await post(new ResponseFunctionCall(request.ResponseId, string.IsNullOrEmpty(call.CallId) ? RealtimeIds.Call() : call.CallId, call.Name, arguments)).ConfigureAwait(false);
                            break;
                    }
                }
            }

            if (sentences.Flush() is { } rest)
            {
                outputWords += CountWords(rest);
                await SpeakAsync(request, rest, generatedMs, post, cancellationToken).ConfigureAwait(false);
            }

            int inputWords = request.Messages.Sum(m => CountWords(m.Text));
            await post(new ResponseFinished(request.ResponseId, null, inputWords, outputWords)).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // The session cancelled this response and has already closed it.
        }
        catch (Exception ex)
        {
            await post(new ResponseFinished(request.ResponseId, ex, 0, outputWords)).ConfigureAwait(false);
        }
    }

    private async Task<long> SpeakAsync(ResponseRequest request, string sentence, long generatedMs, Func<EngineSignal, ValueTask> post, CancellationToken cancellationToken)
    {
        // The transcript runs just ahead of the audio it belongs to, as OpenAI's does.
        await post(new ResponseText(request.ResponseId, sentence + " ")).ConfigureAwait(false);
        if (!request.Audio)
        {
            return generatedMs;
        }

        var options = new TextToSpeechOptions
        {
            VoiceId = request.Voice,
            Speed = (float)request.Speed,
            AdditionalProperties = new() { [FliteTextToSpeechClient.SampleRatePropertyName] = request.OutputFormat.SampleRate },
        };
        int bytesPerMs = request.OutputFormat.SampleRate / 1000 * 2;
        await foreach (TextToSpeechResponseUpdate update in _speech.GetStreamingAudioAsync(sentence, options, cancellationToken).ConfigureAwait(false))
        {
            foreach (DataContent audio in update.Contents.OfType<DataContent>())
            {
                if (audio.Data.IsEmpty)
                {
                    continue;
                }

                int pcmBytes = audio.Data.Length;
                (byte[] buffer, int length) = Encode(audio, request.OutputFormat);
                try
                {
                    await _clock.WaitUntilAsync(request.StartClockMs + generatedMs - _leadMs, cancellationToken).ConfigureAwait(false);
                    await post(new ResponseAudio(request.ResponseId, buffer, length)).ConfigureAwait(false);
                }
                catch
                {
                    // Stopped before the session took the chunk: its buffer is still ours.
                    Return(buffer);
                    throw;
                }

                generatedMs += pcmBytes / bytesPerMs;
            }
        }

        return generatedMs;
    }

    /// <summary>
    /// The chunk in the session's output format, in a buffer rented from the shared pool: flite's own buffer for PCM16
    /// (taken over, not copied), a new one for G.711 (encoded into, and flite's returned).
    /// </summary>
    private static (byte[] Buffer, int Length) Encode(DataContent audio, SessionAudioFormat format)
    {
        ReadOnlySpan<byte> pcm16 = audio.Data.Span;
        byte[]? source = audio is PooledAudioContent pooled && pooled.TryTake(out byte[]? taken) ? taken : null;
        if (format.Encoding == AudioEncoding.Pcm16)
        {
            if (source is null)
            {
                // Another synthesiser's audio: the one copy.
                source = ArrayPool<byte>.Shared.Rent(pcm16.Length);
                pcm16.CopyTo(source);
            }

            return (source, pcm16.Length);
        }

        ReadOnlySpan<short> samples = Pcm16.AsSamples(pcm16);
        byte[] encoded = ArrayPool<byte>.Shared.Rent(samples.Length);
        if (format.Encoding == AudioEncoding.MuLaw)
        {
            G711.EncodeMuLaw(samples, encoded);
        }
        else
        {
            G711.EncodeALaw(samples, encoded);
        }

        if (source is not null)
        {
            Return(source);
        }

        return (encoded, samples.Length);
    }

    private static void Return(byte[] buffer)
    {
        if (buffer.Length > 0)
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private static int CountWords(string? text)
        => string.IsNullOrWhiteSpace(text) ? 0 : text.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length;
}
