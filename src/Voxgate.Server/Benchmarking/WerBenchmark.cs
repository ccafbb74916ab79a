using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.AI;
using Voxgate.Speech.Recognition;
using Voxgate.Speech.Recognition.LanguageModel;
using Voxgate.Speech.Synthesis;

namespace Voxgate.Server.Benchmarking;

/// <summary>
/// Word error rate of the engine's recogniser on a sentence set (<see cref="WerSettings.Set"/>), voiced by flite in
/// several voices at 16 kHz. By default each sentence is a fresh stream (the decoder is reset in between, as for a
/// caller's first turn); with <see cref="WerSettings.AsSession"/> each voice is one caller saying all the sentences,
/// and what the recogniser learns of the channel carries from one utterance to the next, as in an engine session.
/// With <see cref="WerSettings.Baseline"/> the same audio also goes through Debian's <c>pocketsphinx_continuous</c>.
/// </summary>
internal sealed class WerBenchmark(WerSettings settings, TextWriter output)
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    public async Task<WordErrorRate> RunAsync(CancellationToken cancellationToken)
    {
        IReadOnlyList<string> sentences = settings.Sentences;
        FrontDeskLanguageModel? domain = settings.LanguageModel is null && (settings.DomainWeight is not null || settings.LanguageWeight is not null)
            ? new FrontDeskLanguageModel(weight: settings.DomainWeight ?? FrontDeskLanguageModel.DefaultWeight, languageWeight: settings.LanguageWeight ?? FrontDeskLanguageModel.DefaultLanguageWeight)
            : null;
        using var flite = new FliteTextToSpeechClient();
        using var recognizer = new PocketSphinxSpeechToTextClient(maxDecoders: 1, languageModelFile: settings.LanguageModel, domainModel: domain);
        await recognizer.PrewarmAsync(1, cancellationToken).ConfigureAwait(false);
        using PocketSphinxContinuous? baseline = settings.Baseline ? new PocketSphinxContinuous() : null;

        string model = settings.LanguageModel ?? string.Create(Invariant,
            $"the general en-us.lm.bin interpolated with the front-desk model (weight {domain?.Weight ?? FrontDeskLanguageModel.DefaultWeight}, language weight {domain?.LanguageWeight ?? FrontDeskLanguageModel.DefaultLanguageWeight})");
        await output.WriteLineAsync($"set: {settings.Set}; language model: {model}; {sentences.Count} sentences × {settings.Voices.Count} voices; {(settings.AsSession ? "each voice one session (channel carried)" : "each sentence a new stream")}").ConfigureAwait(false);
        string baselineHeader = baseline is null ? "" : $" {PocketSphinxContinuous.Program} WER | exact |";
        await output.WriteLineAsync($"| voice | words | substitutions | deletions | insertions | WER | sentences exact | decode RTF |{baselineHeader}").ConfigureAwait(false);
        await output.WriteLineAsync($"|---|---|---|---|---|---|---|---|{(baseline is null ? "" : "---|---|")}").ConfigureAwait(false);
        WordErrorRate total = default;
        WordErrorRate baselineTotal = default;
        var lines = new List<string>();
        foreach (string voice in settings.Voices)
        {
            WordErrorRate voiceTotal = default;
            WordErrorRate voiceBaseline = default;
            float[]? channel = null;
            int exact = 0;
            int baselineExact = 0;
            double audioSeconds = 0;
            double decodeSeconds = 0;
            foreach (string sentence in sentences)
            {
                short[] samples = await SpeechClips.SynthesizeAsync(flite, sentence, voice, PocketSphinxRecognizer.SampleRate, cancellationToken).ConfigureAwait(false);
                long started = Stopwatch.GetTimestamp();
                (string heardText, channel) = await RecognizeAsync(recognizer, samples, channel, cancellationToken).ConfigureAwait(false);
                decodeSeconds += Stopwatch.GetElapsedTime(started).TotalSeconds;
                audioSeconds += samples.Length / (double)PocketSphinxRecognizer.SampleRate;

                WordErrorRate wer = WordErrorRate.Compute(sentence, heardText);
                voiceTotal += wer;
                exact += wer.Errors == 0 ? 1 : 0;
                if (settings.Verbose && wer.Errors > 0)
                {
                    lines.Add($"{voice}: \"{string.Join(' ', WordErrorRate.Words(sentence))}\" → \"{heardText}\" ({wer.Errors} errors)");
                }

                if (baseline is not null)
                {
                    string baselineText = await baseline.TranscribeAsync(samples, cancellationToken).ConfigureAwait(false);
                    WordErrorRate baselineWer = WordErrorRate.Compute(sentence, baselineText);
                    voiceBaseline += baselineWer;
                    baselineExact += baselineWer.Errors == 0 ? 1 : 0;
                    if (settings.Verbose && baselineWer.Errors > 0)
                    {
                        lines.Add($"{voice} ({PocketSphinxContinuous.Program}): \"{string.Join(' ', WordErrorRate.Words(sentence))}\" → \"{baselineText}\" ({baselineWer.Errors} errors)");
                    }
                }
            }

            total += voiceTotal;
            baselineTotal += voiceBaseline;
            string baselineCells = baseline is null ? "" : string.Create(Invariant, $" {voiceBaseline.Rate:P1} | {baselineExact}/{sentences.Count} |");
            await output.WriteLineAsync(string.Create(Invariant,
                $"| {voice} | {voiceTotal.ReferenceWords} | {voiceTotal.Substitutions} | {voiceTotal.Deletions} | {voiceTotal.Insertions} | {voiceTotal.Rate:P1} | {exact}/{sentences.Count} | {decodeSeconds / audioSeconds:F3} |{baselineCells}")).ConfigureAwait(false);
        }

        string baselineAll = baseline is null ? "" : string.Create(Invariant, $" **{baselineTotal.Rate:P1}** | |");
        await output.WriteLineAsync(string.Create(Invariant,
            $"| all | {total.ReferenceWords} | {total.Substitutions} | {total.Deletions} | {total.Insertions} | **{total.Rate:P1}** | | |{baselineAll}")).ConfigureAwait(false);
        foreach (string line in lines)
        {
            await output.WriteLineAsync(line).ConfigureAwait(false);
        }

        return total;
    }

    private async Task<(string Text, float[]? Channel)> RecognizeAsync(PocketSphinxSpeechToTextClient recognizer, short[] samples, float[]? channel, CancellationToken cancellationToken)
    {
        if (!settings.AsSession)
        {
            byte[] pcm = new byte[samples.Length * 2];
            Buffer.BlockCopy(samples, 0, pcm, 0, pcm.Length);
            using var audio = new MemoryStream(pcm, writable: false);
            SpeechToTextResponse heard = await recognizer.GetTextAsync(audio, new SpeechToTextOptions { SpeechSampleRate = PocketSphinxRecognizer.SampleRate }, cancellationToken).ConfigureAwait(false);
            return (heard.Text, channel);
        }

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

        string text = utterance.Finish();
        return (text, utterance.ChannelState ?? channel);
    }
}
