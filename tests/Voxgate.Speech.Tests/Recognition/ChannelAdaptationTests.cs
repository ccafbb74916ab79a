using Voxgate.Speech.Recognition;
using Voxgate.Speech.Tests.TestSupport;

namespace Voxgate.Speech.Tests.Recognition;

[Collection(RecognitionGroup.Name)]
public sealed class ChannelAdaptationTests(RecognitionFixture fixture)
{
    [Fact]
    public async Task What_a_recognizer_learns_of_the_channel_can_be_handed_to_the_next_one()
    {
        short[] speech = await SpeechAudio.SynthesizeAsync(SpeechAudio.Kitchen);
        float[] initial;
        float[] learned;
        using (PocketSphinxRecognizer first = await fixture.Client.CreateRecognizerAsync())
        {
            initial = first.ChannelState!;
            Assert.NotNull(initial);
            first.Start();
            first.Accept(speech);
            first.Finish();
            learned = first.ChannelState!;
        }

        // Speech moved the cepstral mean away from the model's default.
        Assert.True(initial.Zip(learned).Any(p => Math.Abs(p.First - p.Second) > 0.01f), "the channel mean did not adapt");

        using PocketSphinxRecognizer next = await fixture.Client.CreateRecognizerAsync();
        Assert.Equal(initial, next.ChannelState);   // a pooled decoder starts from the default again…
        next.AdaptTo(learned);
        Assert.Equal(learned, next.ChannelState);   // …unless the caller's channel is handed over.
        next.Start();
        next.Accept(speech);
        Assert.True(SpeechAudio.CountWords(next.Finish(), "please", "turn", "lights", "kitchen") >= 3);
    }
}
