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

    // Development sentences (bench wer --set dev) that the model's default channel gets wrong on a first turn.
    [Theory]
    [InlineData("yes that time works for me thank you", "rms")]
    [InlineData("i would like to see a doctor about my back pain", "slt")]
    [InlineData("we are going to visit my parents at the weekend", "awb")]
    public async Task A_first_utterance_is_decoded_with_the_channel_learned_from_its_first_second(string text, string voice)
    {
        short[] speech = SpeechAudio.Trimmed(await SpeechAudio.SynthesizeAsync(text, voice));

        string learned;
        using (PocketSphinxRecognizer unadapted = await fixture.Client.CreateRecognizerAsync())
        {
            learned = Recognize(unadapted, speech, block: 512);
            Assert.True(unadapted.LearnedChannel);
        }

        string against;
        using (PocketSphinxRecognizer onDefault = await fixture.Client.CreateRecognizerAsync())
        {
            // Adapted to the model's own default: how every first utterance was decoded before.
            onDefault.AdaptTo(onDefault.ChannelState!);
            against = Recognize(onDefault, speech, block: 512);
            Assert.False(onDefault.LearnedChannel);
        }

        Assert.Equal(text, learned);
        Assert.NotEqual(text, against);
    }

    [Fact]
    public async Task The_words_do_not_depend_on_how_the_audio_is_split()
    {
        short[] speech = await SpeechAudio.SynthesizeAsync("i would like to see a doctor about my back pain");
        var heard = new List<string>();
        foreach (int block in (int[])[320, 512, 4000, speech.Length])
        {
            using PocketSphinxRecognizer recognizer = await fixture.Client.CreateRecognizerAsync();
            heard.Add(Recognize(recognizer, speech, block));
        }

        Assert.Single(heard.Distinct());
    }

    [Fact]
    public async Task What_a_first_utterance_teaches_is_its_own_channel_and_carries_to_the_next()
    {
        short[] speech = await SpeechAudio.SynthesizeAsync(SpeechAudio.Kitchen);
        using PocketSphinxRecognizer recognizer = await fixture.Client.CreateRecognizerAsync();
        float[] initial = recognizer.ChannelState!;
        Assert.Equal(SpeechAudio.Kitchen, Recognize(recognizer, speech, block: 512));
        float[] afterFirst = recognizer.ChannelState!;

        // The second utterance on the same stream is adapted already: nothing is held back.
        Assert.Equal(SpeechAudio.Kitchen, Recognize(recognizer, speech, block: 512));
        Assert.False(recognizer.LearnedChannel);
        float[] afterSecond = recognizer.ChannelState!;

        // The first utterance moved the mean most of the way: the second, the same speech, moves it much less.
        Assert.True(Distance(initial, afterFirst) > 3 * Distance(afterFirst, afterSecond),
            $"moved {Distance(initial, afterFirst):F2} by the first utterance, {Distance(afterFirst, afterSecond):F2} by the second");
    }

    [Fact]
    public async Task An_utterance_too_short_to_learn_from_keeps_its_words_and_leaves_the_channel_to_the_next()
    {
        short[] word = SpeechAudio.Trimmed(await SpeechAudio.SynthesizeAsync("yes"));
        short[] speech = await SpeechAudio.SynthesizeAsync(SpeechAudio.Kitchen);
        using PocketSphinxRecognizer recognizer = await fixture.Client.CreateRecognizerAsync();

        recognizer.Start();
        recognizer.Accept(word.AsSpan(0, Math.Min(word.Length, 3200)));   // 0.2 s: under the frames needed
        recognizer.Finish();
        Assert.False(recognizer.LearnedChannel);
        Assert.Null(recognizer.ChannelState);   // nothing learned: a session hands nothing on

        Assert.Equal(SpeechAudio.Kitchen, Recognize(recognizer, speech, block: 512));
        Assert.True(recognizer.LearnedChannel);   // the next utterance learns it
        Assert.NotNull(recognizer.ChannelState);
    }

    [Fact]
    public async Task Silence_alone_teaches_nothing_and_is_not_kept_without_bound()
    {
        using PocketSphinxRecognizer recognizer = await fixture.Client.CreateRecognizerAsync();
        recognizer.Start();
        var silence = new short[1600];
        for (int i = 0; i < 150; i++)   // 15 s of digital silence: frames live CMN does not count
        {
            recognizer.Accept(silence);
        }

        Assert.Equal(string.Empty, recognizer.Finish());
        Assert.False(recognizer.LearnedChannel);
        Assert.Null(recognizer.ChannelState);
    }

    private static string Recognize(PocketSphinxRecognizer recognizer, short[] speech, int block)
    {
        recognizer.Start();
        for (int offset = 0; offset < speech.Length; offset += block)
        {
            recognizer.Accept(speech.AsSpan(offset, Math.Min(block, speech.Length - offset)));
        }

        return recognizer.Finish();
    }

    private static double Distance(float[] a, float[] b) => Math.Sqrt(a.Zip(b).Sum(p => (p.First - p.Second) * (p.First - p.Second)));
}
