using Microsoft.Extensions.AI;

using Voxgate.Speech.Recognition;
using Voxgate.Speech.Tests.TestSupport;

namespace Voxgate.Speech.Tests.Recognition;

[Collection(RecognitionGroup.Name)]
public sealed class PocketSphinxSpeechToTextClientTests(RecognitionFixture fixture)
{
    private static readonly string[] s_keyWords = ["please", "turn", "lights", "kitchen"];

    private readonly PocketSphinxSpeechToTextClient _client = fixture.Client;

    [Fact]
    public async Task Recognises_flite_speech()
    {
        using var audio = new MemoryStream(SpeechAudio.ToBytes(await SpeechAudio.SynthesizeAsync(SpeechAudio.Kitchen)));
        SpeechToTextResponse response = await _client.GetTextAsync(audio);

        Assert.True(SpeechAudio.CountWords(response.Text, s_keyWords) >= 3, $"recognised '{response.Text}'");
        Assert.Equal(PocketSphinxSpeechToTextClient.ModelId, response.ModelId);
    }

    [Fact]
    public async Task Streaming_sends_changing_partials_before_one_final()
    {
        using var audio = new MemoryStream(SpeechAudio.ToBytes(await SpeechAudio.SynthesizeAsync(SpeechAudio.Kitchen)));
        var updates = new List<SpeechToTextResponseUpdate>();
        await foreach (SpeechToTextResponseUpdate update in _client.GetStreamingTextAsync(audio))
        {
            updates.Add(update);
        }

        SpeechToTextResponseUpdate final = updates[^1];
        Assert.Equal(SpeechToTextResponseUpdateKind.TextUpdated, final.Kind);
        Assert.True(SpeechAudio.CountWords(final.Text, s_keyWords) >= 3, $"recognised '{final.Text}'");

        List<SpeechToTextResponseUpdate> partials = updates[..^1];
        Assert.NotEmpty(partials);
        Assert.All(partials, update => Assert.Equal(SpeechToTextResponseUpdateKind.TextUpdating, update.Kind));
        for (int i = 1; i < partials.Count; i++)
        {
            Assert.NotEqual(partials[i - 1].Text, partials[i].Text);
        }

        Assert.All(updates, update => Assert.Equal(final.ResponseId, update.ResponseId));
    }

    [Fact]
    public async Task Audio_at_another_rate_is_resampled()
    {
        using var audio = new MemoryStream(SpeechAudio.ToBytes(await SpeechAudio.SynthesizeAsync(SpeechAudio.Kitchen, sampleRate: 24000)));
        SpeechToTextResponse response = await _client.GetTextAsync(audio, new SpeechToTextOptions { SpeechSampleRate = 24000 });

        Assert.True(SpeechAudio.CountWords(response.Text, s_keyWords) >= 3, $"recognised '{response.Text}'");
    }

    [Fact]
    public async Task A_wav_stream_from_the_flite_tool_is_understood()
    {
        using var audio = new MemoryStream(SpeechAudio.FliteCliWav("turn off the kitchen lights"));
        SpeechToTextResponse response = await _client.GetTextAsync(audio);

        Assert.True(SpeechAudio.CountWords(response.Text, "turn", "off", "kitchen", "lights") >= 3, $"recognised '{response.Text}'");
    }

    [Fact]
    public async Task Silence_gives_empty_text()
    {
        using var audio = new MemoryStream(new byte[32000]);
        SpeechToTextResponse response = await _client.GetTextAsync(audio);

        Assert.Equal(string.Empty, response.Text);
    }

    [Fact]
    public async Task Another_language_is_refused()
    {
        using var audio = new MemoryStream(new byte[3200]);
        await Assert.ThrowsAsync<NotSupportedException>(() => _client.GetTextAsync(audio, new SpeechToTextOptions { SpeechLanguage = "fr" }));
    }

    [Fact]
    public void Metadata_names_the_provider()
    {
        var metadata = _client.GetService<SpeechToTextClientMetadata>();
        Assert.Equal("pocketsphinx", metadata?.ProviderName);
    }
}
