using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.AI;
using Voxgate.Speech.Recognition;
using Voxgate.Speech.Synthesis;

namespace Voxgate.Server.Benchmarking;

/// <summary>
/// Word error rate of the engine's recogniser on <see cref="WerSentences"/>, voiced by flite in several voices at
/// 16 kHz, each sentence a fresh stream (the decoder is reset in between, as for a new call).
/// </summary>
internal sealed class WerBenchmark(IReadOnlyList<string> voices, string? languageModel, bool verbose, TextWriter output)
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    public async Task<WordErrorRate> RunAsync(CancellationToken cancellationToken)
    {
        using var flite = new FliteTextToSpeechClient();
        using var recognizer = new PocketSphinxSpeechToTextClient(maxDecoders: 1, languageModelFile: languageModel);
        await recognizer.PrewarmAsync(1, cancellationToken).ConfigureAwait(false);

        await output.WriteLineAsync($"language model: {languageModel ?? "the general en-us.lm.bin"}; {WerSentences.All.Count} sentences × {voices.Count} voices").ConfigureAwait(false);
        await output.WriteLineAsync("| voice | words | substitutions | deletions | insertions | WER | sentences exact | decode RTF |").ConfigureAwait(false);
        await output.WriteLineAsync("|---|---|---|---|---|---|---|---|").ConfigureAwait(false);
        WordErrorRate total = default;
        var lines = new List<string>();
        foreach (string voice in voices)
        {
            WordErrorRate voiceTotal = default;
            int exact = 0;
            double audioSeconds = 0;
            double decodeSeconds = 0;
            foreach (string sentence in WerSentences.All)
            {
                short[] samples = await SpeechClips.SynthesizeAsync(flite, sentence, voice, PocketSphinxRecognizer.SampleRate, cancellationToken).ConfigureAwait(false);
                byte[] pcm = new byte[samples.Length * 2];
                Buffer.BlockCopy(samples, 0, pcm, 0, pcm.Length);
                long started = Stopwatch.GetTimestamp();
                using var audio = new MemoryStream(pcm, writable: false);
                SpeechToTextResponse heard = await recognizer.GetTextAsync(audio, new SpeechToTextOptions { SpeechSampleRate = PocketSphinxRecognizer.SampleRate }, cancellationToken).ConfigureAwait(false);
                decodeSeconds += Stopwatch.GetElapsedTime(started).TotalSeconds;
                audioSeconds += samples.Length / (double)PocketSphinxRecognizer.SampleRate;

                WordErrorRate wer = WordErrorRate.Compute(sentence, heard.Text);
                voiceTotal += wer;
                exact += wer.Errors == 0 ? 1 : 0;
                if (verbose && wer.Errors > 0)
                {
                    lines.Add($"{voice}: \"{string.Join(' ', WordErrorRate.Words(sentence))}\" → \"{heard.Text}\" ({wer.Errors} errors)");
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
