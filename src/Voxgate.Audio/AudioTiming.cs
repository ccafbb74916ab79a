namespace Voxgate.Audio;

/// <summary>Conversions between sample counts, bytes and time for mono audio.</summary>
public static class AudioTiming
{
    /// <summary>The frame length Voxgate cuts streams into.</summary>
    public static readonly TimeSpan FrameDuration = TimeSpan.FromMilliseconds(20);

    /// <summary>Samples in one 20 ms frame at <paramref name="sampleRate"/> Hz (480 at 24 kHz, 160 at 8 kHz).</summary>
    public static int SamplesPerFrame(int sampleRate) => sampleRate / 50;

    /// <summary>Whole milliseconds that <paramref name="samples"/> samples last at <paramref name="sampleRate"/> Hz.</summary>
    public static long SamplesToMilliseconds(long samples, int sampleRate) => samples * 1000 / sampleRate;

    /// <summary>Samples in <paramref name="milliseconds"/> at <paramref name="sampleRate"/> Hz.</summary>
    public static long MillisecondsToSamples(long milliseconds, int sampleRate) => milliseconds * sampleRate / 1000;
}
