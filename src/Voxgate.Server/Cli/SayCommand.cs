using System.CommandLine;
using Microsoft.Extensions.AI;
using Voxgate.Audio;
using Voxgate.Speech.Synthesis;

namespace Voxgate.Server.Cli;

/// <summary><c>voxgate say</c>: speaks text with the local engine's flite voices into a WAV file.</summary>
internal static class SayCommand
{
    public static Command Create()
    {
        var text = new Argument<string>("TEXT") { Description = "What to say." };
        var voice = new Option<string>("--voice")
        {
            Description = $"The voice: {string.Join(", ", FliteTextToSpeechClient.Voices)} (or an OpenAI voice name).",
            DefaultValueFactory = _ => "slt",
        };
        var output = new Option<FileInfo>("--out") { Description = "The WAV file to write (16-bit PCM, mono).", Required = true };
        var rate = new Option<int>("--rate")
        {
            Description = "Output sample rate in Hz (8000–48000).",
            DefaultValueFactory = _ => FliteTextToSpeechClient.DefaultSampleRate,
        };

        var command = new Command("say", "Speak text into a WAV file with the local engine's voice.") { text, voice, output, rate };
        command.SetAction(async (parse, cancellationToken) =>
        {
            try
            {
                string summary = await SayAsync(parse.GetValue(text)!, parse.GetValue(voice)!, parse.GetValue(output)!, parse.GetValue(rate), cancellationToken).ConfigureAwait(false);
                await parse.InvocationConfiguration.Output.WriteLineAsync(summary).ConfigureAwait(false);
                return 0;
            }
            catch (Exception ex) when (ex is ArgumentException or IOException or UnauthorizedAccessException or DllNotFoundException)
            {
                await parse.InvocationConfiguration.Error.WriteLineAsync($"voxgate say: {CliErrors.OneLine(ex)}").ConfigureAwait(false);
                return 1;
            }
        });
        return command;
    }

    private static async Task<string> SayAsync(string text, string voice, FileInfo output, int rate, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(text) || !text.Any(char.IsLetterOrDigit))
        {
            throw new ArgumentException("there is nothing to say: give some words.");
        }

        if (rate is < 8000 or > 48000)
        {
            throw new ArgumentException($"--rate {rate} is outside 8000–48000 Hz.");
        }

        if (output.Directory is { Exists: false } folder)
        {
            throw new DirectoryNotFoundException($"the folder {folder.FullName} does not exist.");
        }

        using var client = new FliteTextToSpeechClient(voice);
        var options = new TextToSpeechOptions { AdditionalProperties = new() { [FliteTextToSpeechClient.SampleRatePropertyName] = rate } };
        TextToSpeechResponse response = await client.GetAudioAsync(text, options, cancellationToken).ConfigureAwait(false);
        ReadOnlySpan<byte> pcm = response.Contents.OfType<DataContent>().Single().Data.Span;
        var samples = new float[pcm.Length / Pcm16.BytesPerSample];
        Pcm16.ToFloat(pcm[..(samples.Length * Pcm16.BytesPerSample)], samples);
        var clip = new AudioClip(samples, rate, 1);
        WavFile.Write(output.FullName, clip);
        return $"{output.Name}: {clip.Duration.TotalSeconds:F2} s, {rate} Hz, voice {client.DefaultVoice}";
    }
}
