using System.Collections.Concurrent;
using System.Runtime.InteropServices;
using Microsoft.Extensions.AI;
using Voxgate.Speech.Synthesis;

namespace Voxgate.Server.Tests.TestSupport;

/// <summary>Real speech for tests: flite through Voxgate's own client, PCM16 mono, cached per text, voice and rate.</summary>
internal static class TestSpeech
{
    private static readonly FliteTextToSpeechClient Flite = new();
    private static readonly ConcurrentDictionary<(string, string, int), Lazy<Task<byte[]>>> Cache = new();

    /// <summary>PCM16 little-endian bytes of <paramref name="text"/>.</summary>
    public static Task<byte[]> Pcm16Async(string text, string voice = "slt", int sampleRate = 24000)
        => Cache.GetOrAdd((text, voice, sampleRate), key => new Lazy<Task<byte[]>>(() => RenderAsync(key.Item1, key.Item2, key.Item3))).Value;

    public static short[] Samples(byte[] pcm) => MemoryMarshal.Cast<byte, short>(pcm).ToArray();

    private static async Task<byte[]> RenderAsync(string text, string voice, int rate)
    {
        var options = new TextToSpeechOptions { VoiceId = voice, AdditionalProperties = new() { [FliteTextToSpeechClient.SampleRatePropertyName] = rate } };
        TextToSpeechResponse response = await Flite.GetAudioAsync(text, options);
        return response.Contents.OfType<DataContent>().Single().Data.ToArray();
    }
}
