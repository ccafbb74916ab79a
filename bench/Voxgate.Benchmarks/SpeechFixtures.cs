using Microsoft.Extensions.AI;
using Voxgate.Audio;
using Voxgate.Speech.Synthesis;
using Voxgate.Speech.Vad;

namespace Voxgate.Benchmarks;

/// <summary>Real speech and model files for the speech-stage benchmarks.</summary>
internal static class SpeechFixtures
{
    public const string Utterance = "please turn on the lights in the kitchen and set a timer for ten minutes";

    /// <summary>Mono PCM16 of <paramref name="text"/> from flite's slt voice at <paramref name="rate"/>.</summary>
    public static short[] Speak(string text, int rate = 16000)
    {
        using var flite = new FliteTextToSpeechClient();
        var options = new TextToSpeechOptions { AdditionalProperties = new() { [FliteTextToSpeechClient.SampleRatePropertyName] = rate } };
        TextToSpeechResponse response = flite.GetAudioAsync(text, options).GetAwaiter().GetResult();
        return Pcm16.AsSamples(response.Contents.OfType<DataContent>().Single().Data.Span).ToArray();
    }

    /// <summary>The Silero model next to the benchmark, or in the repository's models/ folder above it.</summary>
    public static string VadModelPath()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            string candidate = Path.Combine(dir.FullName, "models", "silero_vad_v5.onnx");
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        return SileroVad.DefaultModelPath;
    }
}
