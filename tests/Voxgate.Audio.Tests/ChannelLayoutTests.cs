namespace Voxgate.Audio.Tests;

public sealed class ChannelLayoutTests
{
    [Fact]
    public void Interleave_and_deinterleave_are_inverses()
    {
        float[] left = [1, 2, 3];
        float[] right = [-1, -2, -3];
        var stereo = new float[6];
        ChannelLayout.Interleave(left, right, stereo);
        Assert.Equal(new float[] { 1, -1, 2, -2, 3, -3 }, stereo);

        var l = new float[3];
        var r = new float[3];
        ChannelLayout.Deinterleave(stereo, l, r);
        Assert.Equal(left, l);
        Assert.Equal(right, r);
    }

    [Fact]
    public void Downmix_averages_channels()
    {
        var mono = new float[2];
        ChannelLayout.Downmix([0.5f, 0.25f, -1f, 1f], 2, mono);
        Assert.Equal(new[] { 0.375f, 0f }, mono);
    }

    [Fact]
    public void Stereo_clips_resample_per_channel()
    {
        var left = SineFit.Tone(500, 48000, 4800);
        var right = SineFit.Tone(1500, 48000, 4800);
        var stereo = new float[9600];
        ChannelLayout.Interleave(left, right, stereo);
        AudioClip clip = new AudioClip(stereo, 48000, 2).Resample(16000);
        Assert.Equal(1600, clip.Frames);
        var l = new float[clip.Frames];
        var r = new float[clip.Frames];
        ChannelLayout.Deinterleave(clip.Samples, l, r);
        Assert.InRange(SineFit.Of(l.AsSpan(200, 1200), 500, 16000).Amplitude, 0.49, 0.51);
        Assert.InRange(SineFit.Of(r.AsSpan(200, 1200), 1500, 16000).Amplitude, 0.49, 0.51);
    }
}
