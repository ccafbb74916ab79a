namespace Voxgate.Audio.Tests;

public sealed class AudioFramerTests
{
    [Fact]
    public void Pieces_of_any_size_come_out_as_whole_20_ms_frames_in_order()
    {
        int frame = AudioTiming.SamplesPerFrame(24000);
        Assert.Equal(480, frame);
        var framer = new AudioFramer<short>(frame, maxFrames: 10);
        var random = new Random(3);
        short next = 0;
        short expected = 0;
        var output = new short[frame];
        int frames = 0;
        for (int round = 0; round < 500; round++)
        {
            var piece = new short[random.Next(0, 700)];
            for (int i = 0; i < piece.Length; i++)
            {
                piece[i] = next++;
            }

            Assert.True(framer.TryWrite(piece));
            while (framer.TryRead(output))
            {
                frames++;
                foreach (short s in output)
                {
                    Assert.Equal(expected++, s);
                }
            }
        }

        Assert.True(frames > 300);
        Assert.True(framer.Buffered < frame);
    }

    [Fact]
    public void A_full_framer_refuses_more_instead_of_growing()
    {
        var framer = new AudioFramer<float>(160, maxFrames: 2);
        Assert.True(framer.TryWrite(new float[320]));
        Assert.False(framer.TryWrite(new float[1]));
        Assert.Equal(320, framer.Buffered);
    }

    [Fact]
    public void Flush_pads_the_last_partial_frame_with_silence()
    {
        var framer = new AudioFramer<short>(4);
        framer.TryWrite(new short[] { 1, 2, 3, 4, 5, 6 });
        var frame = new short[4];
        Assert.True(framer.TryRead(frame));
        Assert.Equal(2, framer.Flush(frame));
        Assert.Equal(new short[] { 5, 6, 0, 0 }, frame);
        Assert.Equal(0, framer.Buffered);
    }
}
