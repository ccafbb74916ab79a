using System.Collections.Concurrent;
using System.Diagnostics;
using System.Runtime.InteropServices;

using Microsoft.Extensions.AI;

using Voxgate.Speech.Synthesis;

namespace Voxgate.Speech.Tests.TestSupport;

/// <summary>Real speech for tests: flite through our own client, cached per text, voice and rate.</summary>
internal static class SpeechAudio
{
    public const string Kitchen = "please turn on the lights in the kitchen";

    private static readonly ConcurrentDictionary<(string Text, string Voice, int Rate), Lazy<Task<short[]>>> s_cache = new();

    /// <summary>Mono PCM16 samples of <paramref name="text"/> at <paramref name="sampleRate"/>.</summary>
    public static Task<short[]> SynthesizeAsync(string text, string voice = "slt", int sampleRate = 16000)
        => s_cache.GetOrAdd((text, voice, sampleRate), key => new Lazy<Task<short[]>>(() => RenderAsync(key.Text, key.Voice, key.Rate))).Value;

    /// <summary>Samples with <paramref name="seconds"/> of digital silence before and after.</summary>
    public static short[] Padded(short[] speech, int sampleRate, double seconds)
    {
        int pad = (int)(sampleRate * seconds);
        var result = new short[speech.Length + 2 * pad];
        speech.CopyTo(result, pad);
        return result;
    }

    /// <summary>The speech without flite's leading and trailing near-silence (under −50 dBFS), so a pause after it is exactly as long as the silence sent.</summary>
    public static short[] Trimmed(short[] speech)
    {
        int first = Array.FindIndex(speech, s => Math.Abs((int)s) >= 104);
        int last = Array.FindLastIndex(speech, s => Math.Abs((int)s) >= 104);
        return first < 0 ? [] : speech[first..(last + 1)];
    }

    public static byte[] ToBytes(short[] samples) => MemoryMarshal.AsBytes(samples.AsSpan()).ToArray();

    public static short[] ToSamples(ReadOnlySpan<byte> bytes) => MemoryMarshal.Cast<byte, short>(bytes).ToArray();

    /// <summary>Runs the flite command-line tool and returns the WAV file it wrote.</summary>
    public static byte[] FliteCliWav(string text, string voice = "slt")
    {
        string path = Path.Combine(Path.GetTempPath(), $"voxgate-speech-{Guid.NewGuid():N}.wav");
        try
        {
            using var process = Process.Start(new ProcessStartInfo("flite", ["-voice", voice, "-t", text, "-o", path])
            {
                RedirectStandardError = true,
                RedirectStandardOutput = true,
            })!;
            process.WaitForExit();
            Assert.Equal(0, process.ExitCode);
            return File.ReadAllBytes(path);
        }
        finally
        {
            File.Delete(path);
        }
    }

    /// <summary>How many of <paramref name="words"/> occur as words in <paramref name="text"/>.</summary>
    public static int CountWords(string text, params string[] words)
    {
        var found = text.Split(' ', StringSplitOptions.RemoveEmptyEntries).ToHashSet(StringComparer.OrdinalIgnoreCase);
        return words.Count(found.Contains);
    }

    private static async Task<short[]> RenderAsync(string text, string voice, int sampleRate)
    {
        using var client = new FliteTextToSpeechClient(voice);
        var options = new TextToSpeechOptions { AdditionalProperties = new() { [FliteTextToSpeechClient.SampleRatePropertyName] = sampleRate } };
        TextToSpeechResponse response = await client.GetAudioAsync(text, options);
        var data = Assert.IsType<DataContent>(Assert.Single(response.Contents));
        return ToSamples(data.Data.Span);
    }

    /// <summary>
    /// The same flite speech: equal length, and at most one sample in a thousand off by one step. flite's vocoder draws
    /// noise from the C library's process-wide rand(), which other libraries (ONNX Runtime) also call, so a synthesis
    /// can move by a step where another ran beside it; audio mixed up on the way differs by far more.
    /// </summary>
    public static void AssertSameSpeech(byte[] expected, byte[] actual)
    {
        Assert.Equal(expected.Length, actual.Length);
        ReadOnlySpan<short> want = MemoryMarshal.Cast<byte, short>(expected);
        ReadOnlySpan<short> got = MemoryMarshal.Cast<byte, short>(actual);
        int differing = 0;
        int worst = 0;
        for (int i = 0; i < want.Length; i++)
        {
            int difference = Math.Abs(want[i] - got[i]);
            differing += difference == 0 ? 0 : 1;
            worst = Math.Max(worst, difference);
        }

        Assert.True(worst <= 1 && differing <= want.Length / 1000, $"{differing} of {want.Length} samples differ, by up to {worst}");
    }
}
