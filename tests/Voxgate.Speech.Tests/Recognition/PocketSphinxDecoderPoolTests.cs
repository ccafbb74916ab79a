using Voxgate.Speech.Recognition;
using Voxgate.Speech.Tests.TestSupport;

namespace Voxgate.Speech.Tests.Recognition;

[Collection(RecognitionGroup.Name)]
public sealed class PocketSphinxDecoderPoolTests
{
    [Fact]
    public async Task A_second_recognition_reuses_the_decoder_and_gets_the_same_text()
    {
        using var client = new PocketSphinxSpeechToTextClient(maxDecoders: 2);
        byte[] audio = SpeechAudio.ToBytes(await SpeechAudio.SynthesizeAsync(SpeechAudio.Kitchen));

        string first = (await client.GetTextAsync(new MemoryStream(audio))).Text;
        Assert.Equal(1, client.Pool.LoadedCount);

        // Something different in between, so that carried-over CMN would show.
        await client.GetTextAsync(new MemoryStream(SpeechAudio.ToBytes(await SpeechAudio.SynthesizeAsync("what time is it", voice: "awb"))));
        string second = (await client.GetTextAsync(new MemoryStream(audio))).Text;

        Assert.Equal(1, client.Pool.LoadedCount);
        Assert.Equal(1, client.Pool.IdleCount);
        Assert.True(SpeechAudio.CountWords(first, "please", "turn", "lights", "kitchen") >= 3, $"recognised '{first}'");
        Assert.Equal(first, second);
    }

    [Fact]
    public async Task The_pool_never_grows_past_its_bound_and_a_renter_waits_for_a_return()
    {
        using var pool = new PocketSphinxDecoderPool(PocketSphinxModelPaths.FromDirectory(PocketSphinxModelPaths.DefaultModelDirectory), maxDecoders: 1);
        await pool.PrewarmAsync(3, CancellationToken.None);
        Assert.Equal(1, pool.LoadedCount);

        PocketSphinxDecoder lent = await pool.RentAsync(CancellationToken.None);
        ValueTask<PocketSphinxDecoder> waiting = pool.RentAsync(CancellationToken.None);
        Assert.False(waiting.IsCompleted);

        pool.Return(lent);
        PocketSphinxDecoder next = await waiting;
        Assert.Same(lent, next);
        Assert.Equal(1, pool.LoadedCount);
        Assert.True(next.CanResetCmn, "the CMN of this sphinxbase build could not be located");
        pool.Return(next);
    }

    [Fact]
    public async Task A_cancelled_wait_gives_up_its_place()
    {
        using var pool = new PocketSphinxDecoderPool(PocketSphinxModelPaths.FromDirectory("/nonexistent"), maxDecoders: 1);
        using var cancel = new CancellationTokenSource();
        await cancel.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () => await pool.RentAsync(cancel.Token));
        await Assert.ThrowsAsync<FileNotFoundException>(async () => await pool.RentAsync(CancellationToken.None));
        await Assert.ThrowsAsync<FileNotFoundException>(async () => await pool.RentAsync(CancellationToken.None));
        Assert.Equal(0, pool.LoadedCount);
    }
}
