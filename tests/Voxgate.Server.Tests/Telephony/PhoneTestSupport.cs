using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Voxgate.Audio;
using Voxgate.Server.Tests.Hosting;
using Voxgate.Server.Tests.TestSupport;

namespace Voxgate.Server.Tests.Telephony;

/// <summary>What the phone tests share: Twilio's signature as its docs define it, speech as a phone line carries it, and the calls API.</summary>
internal static class PhoneTestSupport
{
    public const string AuthToken = "twilio-test-token";
    public const string PublicHost = "voice.example.test";
    public const string CallerNumber = "+15558675310";

    /// <summary>X-Twilio-Signature by Twilio's documented steps: the URL, then each POST parameter sorted by name as name+value; HMAC-SHA1 with the auth token; base64.</summary>
    public static string Sign(string url, IEnumerable<KeyValuePair<string, string>>? parameters = null, string token = AuthToken)
    {
        var data = new StringBuilder(url);
        foreach ((string name, string value) in (parameters ?? []).OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            data.Append(name).Append(value);
        }

#pragma warning disable CA5350 // Twilio's webhook signature is HMAC-SHA1 by definition.
        return Convert.ToBase64String(HMACSHA1.HashData(Encoding.UTF8.GetBytes(token), Encoding.UTF8.GetBytes(data.ToString())));
#pragma warning restore CA5350
    }

    /// <summary><paramref name="text"/> spoken by flite at 8 kHz, µ-law encoded: what a phone line carries.</summary>
    public static async Task<byte[]> SpokenMuLawAsync(string text)
    {
        byte[] pcm = await TestSpeech.Pcm16Async(text, sampleRate: 8000);
        short[] samples = TestSpeech.Samples(pcm);
        byte[] mulaw = new byte[samples.Length];
        G711.EncodeMuLaw(samples, mulaw);
        return mulaw;
    }

    /// <summary>µ-law 8 kHz as PCM16 bytes, for the recogniser.</summary>
    public static byte[] Pcm16(byte[] mulaw)
    {
        short[] samples = new short[mulaw.Length];
        G711.DecodeMuLaw(mulaw, samples);
        return System.Runtime.InteropServices.MemoryMarshal.AsBytes(samples.AsSpan()).ToArray();
    }

    /// <summary>
    /// What the engine's recogniser hears in µ-law from the line. Its acoustic model is 16 kHz wideband: audio from an
    /// 8 kHz line, upsampled, has exact silence above 4 kHz, which its filterbank reads as nothing it was trained on, so a
    /// faint noise floor (-60 dBFS) is added first, as any analogue line has.
    /// </summary>
    public static async Task<string> HeardAsync(TestServer server, byte[] mulaw)
    {
        short[] line = new short[mulaw.Length];
        G711.DecodeMuLaw(mulaw, line);
        float[] wide = Resampler.ResampleAll([.. line.Select(s => s / 32768f)], 8000, 16000);
        var noise = new Random(15);
        byte[] pcm = new byte[wide.Length * 2];
        for (int i = 0; i < wide.Length; i++)
        {
            float sample = wide[i] + (float)((noise.NextDouble() * 2) - 1) * 0.001f;
            System.Buffers.Binary.BinaryPrimitives.WriteInt16LittleEndian(pcm.AsSpan(i * 2), (short)Math.Clamp(sample * 32767f, -32768f, 32767f));
        }

        var engine = server.Services.GetRequiredService<Voxgate.Speech.Engine.LocalSpeechEngine>();
        return (await engine.Recognition.GetTextAsync(new MemoryStream(pcm), new Microsoft.Extensions.AI.SpeechToTextOptions { SpeechSampleRate = 16000 })).Text;
    }

    /// <summary>At least a third of the words <paramref name="said"/> (of four letters or more), and three at least, are in what was <paramref name="heard"/>.</summary>
    public static void AssertHeard(string said, string heard, string? context = null)
    {
        string[] words = [.. said.ToLowerInvariant().Split([' ', ',', '.', '?', '!'], StringSplitOptions.RemoveEmptyEntries).Where(w => w.Length >= 4).Distinct()];
        int found = words.Count(w => heard.Contains(w, StringComparison.Ordinal));
        Assert.True(found >= Math.Min(3, words.Length) && found * 3 >= words.Length, $"said '{said}', heard '{heard}' ({found} of {words.Length} words){(context is null ? "" : $"; {context}")}");
    }

    public static Uri MediaUri(TestServer server, string carrier) => new($"ws://{server.Address.Authority}/{carrier}/media");

    /// <summary>
    /// Polls the calls API until a record satisfies <paramref name="ready"/>: the newest call's (or, with
    /// <paramref name="anyCall"/>, any call's).
    /// </summary>
    public static async Task<JsonElement> RecordAsync(TestServer server, Func<JsonElement, bool> ready, bool anyCall = false)
    {
        DateTime deadline = DateTime.UtcNow.AddSeconds(30);
        JsonElement last = default;
        while (DateTime.UtcNow < deadline)
        {
            JsonElement page = await server.Http.GetFromJsonAsync<JsonElement>(new Uri("/api/calls", UriKind.Relative));
            foreach (JsonElement item in page.GetProperty("items").EnumerateArray().Take(anyCall ? int.MaxValue : 1))
            {
                using HttpResponseMessage response = await server.Http.GetAsync(new Uri($"/api/calls/{item.GetProperty("id").GetString()}", UriKind.Relative));
                if (response.IsSuccessStatusCode)
                {
                    last = await response.Content.ReadFromJsonAsync<JsonElement>();
                    if (ready(last))
                    {
                        return last;
                    }
                }
            }

            await Task.Delay(100);
        }

        throw new Xunit.Sdk.XunitException($"No record got ready: {last}");
    }

    public static bool Ended(JsonElement record) => record.GetProperty("call").GetProperty("endedAt").ValueKind != JsonValueKind.Null;
}
