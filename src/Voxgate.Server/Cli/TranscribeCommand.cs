using System.CommandLine;
using Microsoft.Extensions.AI;
using Voxgate.Audio;
using Voxgate.Speech;
using Voxgate.Speech.Recognition;

namespace Voxgate.Server.Cli;

/// <summary><c>voxgate transcribe</c>: prints what the local engine's speech recogniser hears in a WAV file.</summary>
internal static class TranscribeCommand
{
    private const int RecognitionRate = PocketSphinxRecognizer.SampleRate;

    public static Command Create()
    {
        var input = new Argument<FileInfo>("IN") { Description = "The WAV file to transcribe (any rate and channel count; PCM16, float32, A-law or µ-law)." };
        var languageModel = new Option<string?>("--language-model")
        {
            Description = "An n-gram language model (ARPA or sphinx binary) used alone instead of the general one interpolated with the front-desk one; 'general' for the general one alone.",
        };

        var expect = new Option<ExpectedAnswer>("--expect")
        {
            Description = "What the audio answers, as the engine listens after the agent's question: Anything, YesOrNo, Name, Day, Time or Reference.",
            DefaultValueFactory = _ => ExpectedAnswer.Anything,
        };

        var command = new Command("transcribe", "Print the text spoken in a WAV file (US English, offline).") { input, languageModel, expect };
        command.SetAction(async (parse, cancellationToken) =>
        {
            try
            {
                string text = await TranscribeAsync(parse.GetValue(input)!, parse.GetValue(languageModel), parse.GetValue(expect), cancellationToken).ConfigureAwait(false);
                await parse.InvocationConfiguration.Output.WriteLineAsync(text).ConfigureAwait(false);
                return 0;
            }
            catch (Exception ex) when (ex is InvalidDataException or IOException or UnauthorizedAccessException or ArgumentException
                or NotSupportedException or InvalidOperationException or DllNotFoundException)
            {
                await parse.InvocationConfiguration.Error.WriteLineAsync($"voxgate transcribe: {CliErrors.OneLine(ex)}").ConfigureAwait(false);
                return 1;
            }
        });
        return command;
    }

    private static async Task<string> TranscribeAsync(FileInfo input, string? languageModelOption, ExpectedAnswer expected, CancellationToken cancellationToken)
    {
        if (!input.Exists)
        {
            throw new FileNotFoundException($"{input.FullName} does not exist.");
        }

        string? languageModel = BenchCommand.ResolveLanguageModel(languageModelOption);

        AudioClip clip = WavFile.Read(input.FullName).ToMono().Resample(RecognitionRate);
        var pcm = new byte[clip.Samples.Length * Pcm16.BytesPerSample];
        Pcm16.FromFloat(clip.Samples, pcm);

        using var client = new PocketSphinxSpeechToTextClient(maxDecoders: 1, languageModelFile: languageModel);
        using var audio = new MemoryStream(pcm, writable: false);
        SpeechToTextResponse response = await client.GetTextAsync(audio, new SpeechToTextOptions
        {
            SpeechSampleRate = RecognitionRate,
            AdditionalProperties = new() { [ExpectedAnswers.PropertyName] = expected },
        }, cancellationToken).ConfigureAwait(false);
        return response.Text;
    }
}
