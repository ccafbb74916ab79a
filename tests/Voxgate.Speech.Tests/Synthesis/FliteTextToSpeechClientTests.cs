using Microsoft.Extensions.AI;

using Voxgate.Speech.Synthesis;
using Voxgate.Speech.Tests.TestSupport;

namespace Voxgate.Speech.Tests.Synthesis;

public sealed class FliteTextToSpeechClientTests
{
    private const string FourSentences =
        "Good morning. The kitchen lights are now on. The oven will be ready in ten minutes. Is there anything else I can do?";

    // One long sentence: flite synthesises it in a single call.
    // About 200 words without punctuation: flite gets it in pieces of at most 30 words.
    private static readonly string s_longSentence = string.Join(" and ", Enumerable.Repeat(
        "this is a rather long sentence without any punctuation that goes on about the lights in the kitchen", 12));

    [Fact]
    public async Task Streams_40_ms_chunks_at_24_kHz_and_the_first_arrives_before_synthesis_ends()
    {
        using var client = new FliteTextToSpeechClient();
        var chunks = new List<byte[]>();
        long synthesizedAtFirstChunk = -1;
        string? mediaType = null;
        await foreach (TextToSpeechResponseUpdate update in client.GetStreamingAudioAsync(FourSentences))
        {
            Assert.Equal(TextToSpeechResponseUpdateKind.AudioUpdating, update.Kind);
            // Each chunk travels in its own pooled buffer, which a consumer may take over instead of copying.
            var data = Assert.IsType<PooledAudioContent>(Assert.Single(update.Contents));
            Assert.Equal(data.Length, data.Data.Length);
            mediaType = data.MediaType;
            if (chunks.Count == 0)
            {
                synthesizedAtFirstChunk = client.SamplesSynthesized;
            }

            chunks.Add(data.Data.ToArray());
        }

        Assert.Equal("audio/pcm;rate=24000", mediaType);
        Assert.True(chunks.Count > 50, $"{chunks.Count} chunks");
        Assert.All(chunks[..^1], chunk => Assert.Equal(24000 * 40 / 1000 * 2, chunk.Length));
        Assert.InRange(chunks[^1].Length, 2, 1920);

        // Synthesis runs at most two sentences ahead, so the first chunk came long before the last sentence was made.
        long total = client.SamplesSynthesized;
        Assert.InRange(synthesizedAtFirstChunk, 0, total * 3 / 4);

        // The output is flite's 16 kHz audio at 24 kHz, sample for sample.
        long outputSamples = chunks.Sum(chunk => (long)chunk.Length) / 2;
        Assert.Equal(total * 3 / 2, outputSamples);
        Assert.InRange(outputSamples / 24000.0, 4.5, 10);
    }

    [Theory]
    [InlineData("slt")]
    [InlineData("rms")]
    [InlineData("awb")]
    [InlineData("kal16")]
    public async Task Every_voice_speaks(string voice)
    {
        using var client = new FliteTextToSpeechClient();
        TextToSpeechResponse response = await client.GetAudioAsync("hello there, how are you", new TextToSpeechOptions { VoiceId = voice });

        var data = Assert.IsType<DataContent>(Assert.Single(response.Contents));
        short[] samples = SpeechAudio.ToSamples(data.Data.Span);
        Assert.InRange(samples.Length / 24000.0, 0.8, 4);
        Assert.True(samples.Max(s => Math.Abs((int)s)) > 3000, "the audio is nearly silent");
    }

    [Theory]
    [InlineData("alloy", "slt")]
    [InlineData("ash", "rms")]
    [InlineData("ballad", "awb")]
    [InlineData("coral", "slt")]
    [InlineData("echo", "rms")]
    [InlineData("sage", "slt")]
    [InlineData("shimmer", "slt")]
    [InlineData("verse", "kal16")]
    [InlineData("marin", "slt")]
    [InlineData("cedar", "rms")]
    [InlineData("SLT", "slt")]
    [InlineData(null, "slt")]
    public void OpenAI_voice_names_map_onto_flite_voices(string? voiceId, string expected)
        => Assert.Equal(expected, FliteTextToSpeechClient.ResolveVoice(voiceId));

    [Fact]
    public async Task An_unknown_voice_is_refused_with_the_valid_ones()
    {
        using var client = new FliteTextToSpeechClient();
        var ex = await Assert.ThrowsAsync<ArgumentException>(() => client.GetAudioAsync("hello", new TextToSpeechOptions { VoiceId = "darth" }));

        Assert.Contains("darth", ex.Message, StringComparison.Ordinal);
        Assert.Contains("slt", ex.Message, StringComparison.Ordinal);
        Assert.Contains("kal16", ex.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => new FliteTextToSpeechClient("darth"));
    }

    [Fact]
    public async Task Cancelling_stops_the_native_synthesis()
    {
        using var client = new FliteTextToSpeechClient();
        using var cancel = new CancellationTokenSource();
        int chunks = 0;
        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () =>
        {
            await foreach (TextToSpeechResponseUpdate update in client.GetStreamingAudioAsync(s_longSentence, cancellationToken: cancel.Token))
            {
                chunks++;
                await cancel.CancelAsync();
            }
        });

        using var whole = new FliteTextToSpeechClient();
        await whole.GetAudioAsync(s_longSentence);

        Assert.Equal(1, chunks);
        Assert.InRange(client.SamplesSynthesized, 1, whole.SamplesSynthesized / 2);
    }

    [Fact]
    public async Task Leaving_the_stream_early_releases_the_voice()
    {
        using var client = new FliteTextToSpeechClient();
        await foreach (TextToSpeechResponseUpdate update in client.GetStreamingAudioAsync(s_longSentence))
        {
            break;
        }

        TextToSpeechResponse response = await client.GetAudioAsync("still here");
        Assert.NotEmpty(Assert.IsType<DataContent>(Assert.Single(response.Contents)).Data.ToArray());
    }

    [Fact]
    public async Task The_rate_and_speed_options_are_honoured()
    {
        using var client = new FliteTextToSpeechClient();
        var at16k = new TextToSpeechOptions { AdditionalProperties = new() { [FliteTextToSpeechClient.SampleRatePropertyName] = 16000 } };
        var fast = new TextToSpeechOptions { Speed = 2f, AdditionalProperties = new() { [FliteTextToSpeechClient.SampleRatePropertyName] = 16000 } };

        var normal = Assert.IsType<DataContent>(Assert.Single((await client.GetAudioAsync(SpeechAudio.Kitchen, at16k)).Contents));
        var quick = Assert.IsType<DataContent>(Assert.Single((await client.GetAudioAsync(SpeechAudio.Kitchen, fast)).Contents));

        Assert.Equal("audio/pcm;rate=16000", normal.MediaType);
        Assert.Equal(client.SamplesSynthesized * 2, normal.Data.Length + quick.Data.Length);
        Assert.InRange(quick.Data.Length, normal.Data.Length / 3, normal.Data.Length * 3 / 4);
    }

    [Fact]
    public async Task Other_formats_and_rates_are_refused()
    {
        using var client = new FliteTextToSpeechClient();
        await Assert.ThrowsAsync<NotSupportedException>(() => client.GetAudioAsync("hi", new TextToSpeechOptions { AudioFormat = "mp3" }));
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => client.GetAudioAsync(
            "hi", new TextToSpeechOptions { AdditionalProperties = new() { [FliteTextToSpeechClient.SampleRatePropertyName] = 4000 } }));
    }

    [Fact]
    public async Task Text_without_words_gives_no_audio()
    {
        using var client = new FliteTextToSpeechClient();
        TextToSpeechResponse response = await client.GetAudioAsync(" ... \n ");
        Assert.Empty(Assert.IsType<DataContent>(Assert.Single(response.Contents)).Data.ToArray());
    }

    [Fact]
    public async Task Concurrent_requests_get_audio_like_one_alone()
    {
        using var client = new FliteTextToSpeechClient();
        byte[] alone = Assert.IsType<DataContent>(Assert.Single((await client.GetAudioAsync(FourSentences)).Contents)).Data.ToArray();

        TextToSpeechResponse[] together = await Task.WhenAll(Enumerable.Range(0, 3).Select(i => client.GetAudioAsync(
            FourSentences, new TextToSpeechOptions { VoiceId = i == 1 ? "rms" : "slt" })));

        // flite's excitation noise comes from rand(), so samples differ slightly between runs; durations do not.
        Assert.Equal(alone.Length, Assert.IsType<DataContent>(Assert.Single(together[0].Contents)).Data.Length);
        Assert.Equal(alone.Length, Assert.IsType<DataContent>(Assert.Single(together[2].Contents)).Data.Length);
        Assert.InRange(Rms(together[0]), Rms(alone) * 0.9, Rms(alone) * 1.1);
    }

    [Theory]
    [InlineData("Hello there. How are you?", new[] { "Hello there.", "How are you?" })]
    [InlineData("One; two: three!\nfour", new[] { "One;", "two:", "three!", "four" })]
    [InlineData("3.5 degrees", new[] { "3.5 degrees" })]
    [InlineData(" ... ", new string[0])]
    [InlineData("a b c d e f g h i j k l m n o p q r s t u v w x y z 1 2 3 4, 5 6 7", new[] { "a b c d e f g h i j k l m n o p q r s t u v w x y z 1 2 3 4,", "5 6 7" })]
    [InlineData("one two three four five six seven eight nine ten, a b c d e f g h i j k l m n o p q r s t u v w x y z",
        new[] { "one two three four five six seven eight nine ten,", "a b c d e f g h i j k l m n o p q r s t u v w x y z" })]
    public void Text_is_split_into_sentences(string text, string[] expected)
        => Assert.Equal(expected, FliteTextToSpeechClient.SplitSentences(text));

    private static double Rms(TextToSpeechResponse response) => Rms(Assert.IsType<DataContent>(Assert.Single(response.Contents)).Data.ToArray());

    private static double Rms(byte[] pcm)
    {
        short[] samples = SpeechAudio.ToSamples(pcm);
        return Math.Sqrt(samples.Average(s => (double)s * s));
    }
}
