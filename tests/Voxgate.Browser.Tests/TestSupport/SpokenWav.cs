using Microsoft.Extensions.AI;
using Voxgate.Audio;
using Voxgate.Speech.Synthesis;

namespace Voxgate.Browser.Tests.TestSupport;

/// <summary>The fake microphone's recording: real flite speech at 48 kHz, as Chromium's fake capture plays it.</summary>
internal static class SpokenWav
{
    public const int SampleRate = 48000;

    /// <summary>One piece of the recording: <paramref name="Text"/> spoken, or silence when it is null.</summary>
    public sealed record Part(string? Text, double SilenceSeconds = 0);

    /// <summary>Writes the parts one after another to a 16-bit mono WAV in the temp folder and returns its path.</summary>
    public static async Task<string> WriteAsync(params Part[] parts)
    {
        using var flite = new FliteTextToSpeechClient("slt");
        var samples = new List<float>();
        foreach (Part part in parts)
        {
            if (part.Text is null)
            {
                samples.AddRange(new float[(int)(part.SilenceSeconds * SampleRate)]);
                continue;
            }

            var options = new TextToSpeechOptions { AdditionalProperties = new() { [FliteTextToSpeechClient.SampleRatePropertyName] = SampleRate } };
            TextToSpeechResponse response = await flite.GetAudioAsync(part.Text, options);
            ReadOnlyMemory<byte> pcm = response.Contents.OfType<DataContent>().Single().Data;
            var speech = new float[pcm.Length / 2];
            Pcm16.ToFloat(pcm.Span, speech);
            samples.AddRange(speech);
        }

        string path = Path.Combine(Path.GetTempPath(), $"voxgate-browser-{Guid.NewGuid():N}.wav");
        WavFile.Write(path, new AudioClip([.. samples], SampleRate, 1));
        return path;
    }
}
