using Microsoft.Extensions.AI;
using Voxgate.Speech.Recognition;
using Voxgate.Speech.Tests.TestSupport;

namespace Voxgate.Speech.Tests.Recognition;

/// <summary>The default recogniser (general model interpolated with the front-desk one) against the general model alone.</summary>
[Collection(RecognitionGroup.Name)]
public sealed class FrontDeskRecognitionTests(RecognitionFixture fixture)
{
    private const string GeneralModel = "/usr/share/pocketsphinx/model/en-us/en-us.lm.bin";

    [Theory]
    [InlineData("is four fifteen on monday still available", "rms")]
    [InlineData("can i move my appointment to thursday the third", "awb")]
    [InlineData("my name is daniel wright", "slt")]
    [InlineData("can i book a follow up with the same doctor", "rms")]
    [InlineData("my reference is g b two zero two six one one two seven zero zero one", "slt")]
    public async Task Booking_phrases_the_general_model_mishears_are_recognised(string text, string voice)
    {
        using var general = new PocketSphinxSpeechToTextClient(maxDecoders: 1, languageModelFile: GeneralModel);

        string withDomain = await RecognizeAsync(fixture.Client, text, voice);
        string alone = await RecognizeAsync(general, text, voice);

        Assert.Equal(text, withDomain);
        Assert.NotEqual(text, alone);
    }

    [Fact]
    public async Task Speech_outside_the_domain_is_still_recognised()
    {
        Assert.Equal(SpeechAudio.Kitchen, await RecognizeAsync(fixture.Client, SpeechAudio.Kitchen, "slt"));
        Assert.Equal("the quick brown fox jumped over the lazy dog", await RecognizeAsync(fixture.Client, "the quick brown fox jumped over the lazy dog", "rms"));
    }

    private static async Task<string> RecognizeAsync(PocketSphinxSpeechToTextClient client, string text, string voice)
    {
        short[] speech = await SpeechAudio.SynthesizeAsync(text, voice);
        SpeechToTextResponse heard = await client.GetTextAsync(new MemoryStream(SpeechAudio.ToBytes(speech)), new SpeechToTextOptions { SpeechSampleRate = 16000 });
        return heard.Text;
    }
}
