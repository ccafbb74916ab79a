namespace Voxgate.Audio;

/// <summary>A whole piece of audio in memory: interleaved float samples in [-1, 1) at one rate.</summary>
public sealed class AudioClip
{
    /// <summary>Creates a clip; the sample count must be a whole number of frames.</summary>
    public AudioClip(float[] samples, int sampleRate, int channels)
    {
        ArgumentNullException.ThrowIfNull(samples);
        ArgumentOutOfRangeException.ThrowIfLessThan(sampleRate, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(channels, 1);
        if (samples.Length % channels != 0)
        {
            throw new ArgumentException("The sample count is not a whole number of frames.", nameof(samples));
        }

        Samples = samples;
        SampleRate = sampleRate;
        Channels = channels;
    }

    /// <summary>Interleaved samples.</summary>
    public float[] Samples { get; }

    /// <summary>Samples per second per channel.</summary>
    public int SampleRate { get; }

    /// <summary>Number of interleaved channels.</summary>
    public int Channels { get; }

    /// <summary>Samples per channel.</summary>
    public int Frames => Samples.Length / Channels;

    /// <summary>The clip's length in time.</summary>
    public TimeSpan Duration => TimeSpan.FromSeconds((double)Frames / SampleRate);

    /// <summary>This clip mixed down to one channel (the same instance if it already is mono).</summary>
    public AudioClip ToMono()
    {
        if (Channels == 1)
        {
            return this;
        }

        var mono = new float[Frames];
        ChannelLayout.Downmix(Samples, Channels, mono);
        return new AudioClip(mono, SampleRate, 1);
    }

    /// <summary>This clip at another sample rate, each channel band-limited and resampled.</summary>
    public AudioClip Resample(int sampleRate)
    {
        if (sampleRate == SampleRate)
        {
            return this;
        }

        if (Channels == 1)
        {
            return new AudioClip(Resampler.ResampleAll(Samples, SampleRate, sampleRate), sampleRate, 1);
        }

        var channel = new float[Frames];
        float[][] converted = new float[Channels][];
        for (int c = 0; c < Channels; c++)
        {
            ChannelLayout.Extract(Samples, Channels, c, channel);
            converted[c] = Resampler.ResampleAll(channel, SampleRate, sampleRate);
        }

        var interleaved = new float[converted[0].Length * Channels];
        ChannelLayout.Interleave(converted, interleaved);
        return new AudioClip(interleaved, sampleRate, Channels);
    }
}
