using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.AI;
using Voxgate.Speech.Recognition;
using Voxgate.Speech.Synthesis;

namespace Voxgate.Server.Benchmarking;

/// <summary>
/// Word error rate of the engine's recogniser on <see cref="WerSentences"/>, voiced by flite in several voices at
/// 16 kHz. By default each sentence is a fresh stream (the decoder is reset in between, as for a new call); with
/// <paramref name="asSession"/> each voice is one caller saying all the sentences, and what the recogniser learns of
/// the channel carries from one utterance to the next, as it does in an engine session.
/// </summary>
internal sealed class WerBenchmark(IReadOnlyList<string> voices, string? languageModel, bool verbose, TextWriter output, bool asSession = false)
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    public async Task<WordErrorRate> RunAsync(CancellationToken cancellationToken)
    {
        using var flite = new FliteTextToSpeechClient();
        using var recognizer = new PocketSphinxSpeechToTextClient(maxDecoders: 1, languageModelFile: languageModel);
        await recognizer.PrewarmAsync(1, cancellationToken).ConfigureAwait(false);

        await output.WriteLineAsync($"language model: {languageModel ?? "the general en-us.lm.bin"}; {WerSentences.All.Count} sentences × {voices.Count} voices; {(asSession ? "each voice one session (channel carried)" : "each sentence a new stream")}").ConfigureAwait(false);
        await output.WriteLineAsync("| voice | words | substitutions | deletions | insertions | WER | sentences exact | decode RTF |").ConfigureAwait(false);
        await output.WriteLineAsync("|---|---|---|---|---|---|---|---|").ConfigureAwait(false);
        WordErrorRate total = default;
        var lines = new List<string>();
        foreach (string voice in voices)
        {
            WordErrorRate voiceTotal = default;
            float[]? channel = null;
            int exact = 0;
            double audioSeconds = 0;
            double decodeSeconds = 0;
            foreach (string sentence in WerSentences.All)
            {
                short[] samples = await SpeechClips.SynthesizeAsync(flite, sentence, voice, PocketSphinxRecognizer.SampleRate, cancellationToken).ConfigureAwait(false);
                byte[] pcm = new byte[samples.Length * 2];
                Buffer.BlockCopy(samples, 0, pcm, 0, pcm.Length);
                long started = Stopwatch.GetTimestamp();
                string heardText;
                if (asSession)
                {
                    // As RecognitionWorker does: a pooled recogniser per utterance, adapted to the caller's channel.
                    using PocketSphinxRecognizer utterance = await recognizer.CreateRecognizerAsync(cancellationToken).ConfigureAwait(false);
                    if (channel is not null)
                    {
                        utterance.AdaptTo(channel);
                    }

                    utterance.Start();
                    for (int offset = 0; offset < samples.Length; offset += 512)
                    {
                        utterance.Accept(samples.AsSpan(offset, Math.Min(512, samples.Length - offset)));
                    }

                    heardText = utterance.Finish();
                    channel = utterance.ChannelState ?? channel;
                }
                else
                {
                    using var audio = new MemoryStream(pcm, writable: false);
                    SpeechToTextResponse heard = await recognizer.GetTextAsync(audio, new SpeechToTextOptions { SpeechSampleRate = PocketSphinxRecognizer.SampleRate }, cancellationToken).ConfigureAwait(false);
                    heardText = heard.Text;
                }

                decodeSeconds += Stopwatch.GetElapsedTime(started).TotalSeconds;
                audioSeconds += samples.Length / (double)PocketSphinxRecognizer.SampleRate;

                WordErrorRate wer = WordErrorRate.Compute(sentence, heardText);
                voiceTotal += wer;
                exact += wer.Errors == 0 ? 1 : 0;
                if (verbose && wer.Errors > 0)
                {
                    lines.Add($"{voice}: \"{string.Join(' ', WordErrorRate.Words(sentence))}\" → \"{heardText}\" ({wer.Errors} errors)");
                }
            }

            total += voiceTotal;
            await output.WriteLineAsync(string.Create(Invariant,
                $"| {voice} | {voiceTotal.ReferenceWords} | {voiceTotal.Substitutions} | {voiceTotal.Deletions} | {voiceTotal.Insertions} | {voiceTotal.Rate:P1} | {exact}/{WerSentences.All.Count} | {decodeSeconds / audioSeconds:F3} |")).ConfigureAwait(false);
        }

        await output.WriteLineAsync(string.Create(Invariant,
            $"| all | {total.ReferenceWords} | {total.Substitutions} | {total.Deletions} | {total.Insertions} | **{total.Rate:P1}** | | |")).ConfigureAwait(false);
        foreach (string line in lines)
        {
            await output.WriteLineAsync(line).ConfigureAwait(false);
        }

        return total;
    }
}
