using Microsoft.Extensions.AI;
using Voxgate.Audio;
using Voxgate.Speech.Synthesis;

namespace Voxgate.Server.Benchmarking;

/// <summary>Speech for the benchmarks, voiced by the engine's own flite client.</summary>
internal static class SpeechClips
{
    // flite pads its output with near-silence; samples under this level (-50 dBFS) do not count as voiced.
    private const short VoicedAmplitude = 104;

    /// <summary>Mono PCM16 samples of <paramref name="text"/> in <paramref name="voice"/> at <paramref name="sampleRate"/>.</summary>
    public static async Task<short[]> SynthesizeAsync(FliteTextToSpeechClient flite, string text, string voice, int sampleRate, CancellationToken cancellationToken)
    {
        var options = new TextToSpeechOptions
        {
            VoiceId = voice,
            AdditionalProperties = new() { [FliteTextToSpeechClient.SampleRatePropertyName] = sampleRate },
        };
        TextToSpeechResponse response = await flite.GetAudioAsync(text, options, cancellationToken).ConfigureAwait(false);
        return Pcm16.AsSamples(response.Contents.OfType<DataContent>().Single().Data.Span).ToArray();
    }

    /// <summary>The clip without its leading and trailing near-silence, so its last sample is the last voiced one.</summary>
    public static short[] TrimSilence(short[] samples)
    {
        ArgumentNullException.ThrowIfNull(samples);
        int first = Array.FindIndex(samples, s => Math.Abs((int)s) >= VoicedAmplitude);
        int last = Array.FindLastIndex(samples, s => Math.Abs((int)s) >= VoicedAmplitude);
        return first < 0 ? [] : samples[first..(last + 1)];
    }
}
