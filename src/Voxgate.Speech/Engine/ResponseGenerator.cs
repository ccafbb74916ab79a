using System.Buffers;
using Microsoft.Extensions.AI;
using Voxgate.Audio;

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
        try
        {
            await foreach (ChatResponseUpdate update in _brain.GetStreamingResponseAsync(request.Messages, request.ChatOptions, cancellationToken).ConfigureAwait(false))
            {
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
            AdditionalProperties = new() { [Synthesis.FliteTextToSpeechClient.SampleRatePropertyName] = request.OutputFormat.SampleRate },
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

                await _clock.WaitUntilAsync(request.StartClockMs + generatedMs - _leadMs, cancellationToken).ConfigureAwait(false);
                generatedMs += audio.Data.Length / bytesPerMs;
                (byte[] buffer, int length) = Encode(audio.Data.Span, request.OutputFormat);
                await PostAudioAsync(post, new ResponseAudio(request.ResponseId, buffer, length)).ConfigureAwait(false);
            }
        }

        return generatedMs;
    }

    /// <summary>Posts a chunk, whose buffer the session then owns; one that cannot be posted goes back to the pool.</summary>
    private static async ValueTask PostAudioAsync(Func<EngineSignal, ValueTask> post, ResponseAudio audio)
    {
        try
        {
            await post(audio).ConfigureAwait(false);
        }
        catch
        {
            ArrayPool<byte>.Shared.Return(audio.Buffer);
            throw;
        }
    }

    /// <summary>The chunk in the session's output format, in a buffer rented from the shared pool.</summary>
    private static (byte[] Buffer, int Length) Encode(ReadOnlySpan<byte> pcm16, SessionAudioFormat format)
    {
        if (format.Encoding == AudioEncoding.Pcm16)
        {
            byte[] copy = ArrayPool<byte>.Shared.Rent(pcm16.Length);
            pcm16.CopyTo(copy);
            return (copy, pcm16.Length);
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

        return (encoded, samples.Length);
    }

    private static int CountWords(string? text)
        => string.IsNullOrWhiteSpace(text) ? 0 : text.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length;
}
