using Voxgate.Speech.Recognition;
using Voxgate.Speech.Tests.TestSupport;

namespace Voxgate.Speech.Tests.Recognition;

[Collection(RecognitionGroup.Name)]
public sealed class PocketSphinxRecognizerTests(RecognitionFixture fixture)
{
    private readonly PocketSphinxSpeechToTextClient _client = fixture.Client;

    [Fact]
    public async Task Frames_of_20_ms_give_partials_then_the_final_text()
    {
        short[] speech = await SpeechAudio.SynthesizeAsync(SpeechAudio.Kitchen);
        using PocketSphinxRecognizer recognizer = await _client.CreateRecognizerAsync();

        recognizer.Start();
        string? firstPartial = null;
        for (int i = 0; i < speech.Length; i += 320)
        {
            recognizer.Accept(speech.AsSpan(i, Math.Min(320, speech.Length - i)));
            firstPartial ??= recognizer.PartialHypothesis;
        }

        string? lastPartial = recognizer.PartialHypothesis;
        string text = recognizer.Finish();

        Assert.NotNull(firstPartial);
        Assert.NotNull(lastPartial);
        Assert.True(SpeechAudio.CountWords(text, "please", "turn", "lights", "kitchen") >= 3, $"recognised '{text}'");
        Assert.Equal(speech.Length, recognizer.SamplesAccepted);
        Assert.Null(recognizer.PartialHypothesis);
    }

    [Fact]
    public async Task One_recognizer_handles_consecutive_utterances()
    {
        using PocketSphinxRecognizer recognizer = await _client.CreateRecognizerAsync();
        string[] texts = [SpeechAudio.Kitchen, "what time is it", SpeechAudio.Kitchen];
        foreach (string expected in texts)
        {
            short[] speech = await SpeechAudio.SynthesizeAsync(expected);
            recognizer.Start();
            recognizer.Accept(speech);
            string text = recognizer.Finish();
            string[] words = expected.Split(' ');
            Assert.True(SpeechAudio.CountWords(text, words) * 2 >= words.Length, $"recognised '{text}' for '{expected}'");
        }
    }

    [Fact]
    public async Task Audio_before_start_or_a_second_start_is_refused()
    {
        using PocketSphinxRecognizer recognizer = await _client.CreateRecognizerAsync();

        Assert.Throws<InvalidOperationException>(() => recognizer.Accept(new short[320]));
        Assert.Throws<InvalidOperationException>(() => recognizer.Finish());
        recognizer.Start();
        Assert.Throws<InvalidOperationException>(recognizer.Start);
    }

    [Fact]
    public async Task A_disposed_recognizer_refuses_work()
    {
        PocketSphinxRecognizer recognizer = await _client.CreateRecognizerAsync();
        recognizer.Dispose();
        recognizer.Dispose();

        Assert.Throws<ObjectDisposedException>(recognizer.Start);
    }
}
