namespace Voxgate.Audio.Tests;

public sealed class LevelMeterTests
{
    [Fact]
    public void A_full_scale_sine_reads_minus_3_dBFS_RMS_and_0_dBFS_peak()
    {
        AudioLevel level = LevelMeter.Measure(SineFit.Tone(1000, 48000, 48000, 1.0));
        Assert.InRange(level.RmsDbfs, -3.02, -3.00);
        Assert.InRange(level.PeakDbfs, -0.01, 0);
    }

    [Fact]
    public void A_square_wave_at_half_scale_reads_minus_6_dBFS()
    {
        float[] square = Enumerable.Range(0, 480).Select(i => i % 48 < 24 ? 0.5f : -0.5f).ToArray();
        AudioLevel level = LevelMeter.Measure(square);
        Assert.InRange(level.RmsDbfs, -6.03, -6.01);
        Assert.InRange(level.PeakDbfs, -6.03, -6.01);
    }

    [Fact]
    public void Silence_reads_the_floor()
    {
        Assert.Equal(new AudioLevel(LevelMeter.Floor, LevelMeter.Floor), LevelMeter.Measure(new float[480]));
        Assert.Equal(LevelMeter.Floor, LevelMeter.Measure([]).RmsDbfs);
    }

    [Fact]
    public void A_running_meter_equals_one_measurement_of_the_whole()
    {
        float[] tone = SineFit.Tone(440, 24000, 24000, 0.25);
        var meter = new LevelMeter();
        for (int i = 0; i < tone.Length; i += 480)
        {
            meter.Add(tone.AsSpan(i, 480));
        }

        AudioLevel whole = LevelMeter.Measure(tone);
        Assert.Equal(whole.RmsDbfs, meter.RmsDbfs, 6);
        Assert.Equal(whole.PeakDbfs, meter.PeakDbfs, 6);
        meter.Reset();
        Assert.Equal(LevelMeter.Floor, meter.RmsDbfs);
    }
}
