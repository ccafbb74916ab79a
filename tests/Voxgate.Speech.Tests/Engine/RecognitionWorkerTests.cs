using System.Threading.Channels;
using Voxgate.Speech.Engine;
using Voxgate.Speech.Tests.TestSupport;

namespace Voxgate.Speech.Tests.Engine;

/// <summary>Settling a turn's words early, on the real recognisers: the words are the same whether or not the caller resumes.</summary>
[Collection(SharedEngine.Name)]
public sealed class RecognitionWorkerTests(EngineFixture fixture)
{
    private const int Frame = 512;

    [Fact]
    public async Task A_turn_settled_in_a_pause_and_resumed_ends_with_the_words_of_a_turn_never_settled()
    {
        (short[] audio, int pauseAt, int resumeAt) = await PausedSpeechAsync();

        // Once straight through, as without preemptive generation.
        var straight = Channel.CreateUnbounded<EngineSignal>();
        string unbroken;
        await using (var worker = new RecognitionWorker(fixture.Engine.Recognizers, s => straight.Writer.WriteAsync(s)))
        {
            worker.Begin("item_1");
            Feed(worker, "item_1", audio, 0, audio.Length);
            worker.End("item_1");
            unbroken = (await ReadAsync<RecognitionFinal>(straight)).Text;
        }

        // Settled in the pause (the words so far), then the caller goes on: decoded again from the start.
        var resumed = Channel.CreateUnbounded<EngineSignal>();
        string settled;
        string final;
        await using (var worker = new RecognitionWorker(fixture.Engine.Recognizers, s => resumed.Writer.WriteAsync(s)))
        {
            worker.Begin("item_1");
            Feed(worker, "item_1", audio, 0, pauseAt);
            worker.Settle("item_1", generation: 7);
            Feed(worker, "item_1", audio, pauseAt, resumeAt);
            var early = await ReadAsync<RecognitionSettled>(resumed);
            Assert.Equal(("item_1", 7), (early.ItemId, early.Generation));
            settled = early.Text;
            worker.Resume("item_1");
            Feed(worker, "item_1", audio, resumeAt, audio.Length);
            worker.End("item_1");
            final = (await ReadAsync<RecognitionFinal>(resumed)).Text;
        }

        Assert.Contains("opening hours", settled, StringComparison.Ordinal);
        Assert.DoesNotContain("saturday", settled, StringComparison.Ordinal);
        Assert.Contains("saturday", unbroken, StringComparison.Ordinal);
        Assert.Equal(unbroken, final);
    }

    [Fact]
    public async Task A_settled_turn_that_ends_keeps_its_settled_words_and_the_audio_after_them_is_not_decoded()
    {
        (short[] audio, int pauseAt, _) = await PausedSpeechAsync();
        var signals = Channel.CreateUnbounded<EngineSignal>();
        await using (var worker = new RecognitionWorker(fixture.Engine.Recognizers, s => signals.Writer.WriteAsync(s)))
        {
            worker.Begin("item_1");
            Feed(worker, "item_1", audio, 0, pauseAt);
            worker.Settle("item_1", generation: 1);

            // What follows the pause (here the rest of the speech) never reaches the words once the turn ends.
            Feed(worker, "item_1", audio, pauseAt, audio.Length);
            worker.End("item_1");

            // The session that took the settled words ends the next turn quietly: no second final.
            worker.Begin("item_2");
            Feed(worker, "item_2", audio, 0, pauseAt);
            worker.Settle("item_2", generation: 2);
            worker.End("item_2", postFinal: false);
            worker.Begin("item_3");
            worker.End("item_3");

            var settled = await ReadAsync<RecognitionSettled>(signals);
            Assert.Contains("opening hours", settled.Text, StringComparison.Ordinal);
            var final = await ReadAsync<RecognitionFinal>(signals);
            Assert.Equal(("item_1", settled.Text), (final.ItemId, final.Text));
            Assert.Equal("item_2", (await ReadAsync<RecognitionSettled>(signals)).ItemId);
            Assert.Equal("item_3", (await ReadAsync<RecognitionFinal>(signals)).ItemId);
        }
    }

    /// <summary>"what are your opening hours", 320 ms of silence, "on saturday" and 300 ms of silence at 16 kHz; where the pause is 250 ms old, and where speech resumes.</summary>
    private static async Task<(short[] Audio, int PauseAt, int ResumeAt)> PausedSpeechAsync()
    {
        short[] first = SpeechAudio.Trimmed(await SpeechAudio.SynthesizeAsync("what are your opening hours", "slt", 16000));
        short[] second = SpeechAudio.Trimmed(await SpeechAudio.SynthesizeAsync("on saturday", "slt", 16000));
        int lead = 16000 * 300 / 1000;
        int gap = 16000 * 320 / 1000;
        var audio = new short[lead + first.Length + gap + second.Length + 16000 * 300 / 1000];
        first.CopyTo(audio, lead);
        second.CopyTo(audio, lead + first.Length + gap);
        int pauseAt = lead + first.Length + 16000 * 250 / 1000;
        int resumeAt = lead + first.Length + gap;
        return (audio, pauseAt / Frame * Frame, resumeAt / Frame * Frame);
    }

    private static void Feed(RecognitionWorker worker, string itemId, short[] audio, int from, int to)
    {
        for (int offset = from; offset < to; offset += Frame)
        {
            worker.Audio(itemId, audio.AsSpan(offset, Math.Min(Frame, to - offset)));
        }
    }

    private static async Task<T> ReadAsync<T>(Channel<EngineSignal> signals)
        where T : EngineSignal
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        while (true)
        {
            EngineSignal signal = await signals.Reader.ReadAsync(timeout.Token);
            if (signal is T wanted)
            {
                return wanted;
            }

            Assert.False(signal is RecognitionFailed, (signal as RecognitionFailed)?.Message);
        }
    }
}
