namespace Voxgate.Audio;

/// <summary>Interleaving, de-interleaving and down-mixing of multichannel float audio.</summary>
public static class ChannelLayout
{
    /// <summary>Interleaves equally long channels into <paramref name="destination"/> (L R L R …).</summary>
    public static void Interleave(ReadOnlySpan<float> left, ReadOnlySpan<float> right, Span<float> destination)
    {
        if (left.Length != right.Length)
        {
            throw new ArgumentException("Channels differ in length.", nameof(right));
        }

        if (destination.Length < left.Length * 2)
        {
            throw new ArgumentException("Destination is too short.", nameof(destination));
        }

        for (int i = 0; i < left.Length; i++)
        {
            destination[2 * i] = left[i];
            destination[2 * i + 1] = right[i];
        }
    }

    /// <summary>Interleaves any number of channels; each is cut to the shortest.</summary>
    public static void Interleave(IReadOnlyList<float[]> channels, Span<float> destination)
    {
        ArgumentNullException.ThrowIfNull(channels);
        int count = channels.Count;
        int frames = channels.Min(c => c.Length);
        if (destination.Length < frames * count)
        {
            throw new ArgumentException("Destination is too short.", nameof(destination));
        }

        for (int c = 0; c < count; c++)
        {
            float[] channel = channels[c];
            for (int i = 0; i < frames; i++)
            {
                destination[i * count + c] = channel[i];
            }
        }
    }

    /// <summary>Splits stereo (L R L R …) into two channels.</summary>
    public static void Deinterleave(ReadOnlySpan<float> interleaved, Span<float> left, Span<float> right)
    {
        if ((interleaved.Length & 1) != 0)
        {
            throw new ArgumentException("Stereo data must hold whole frames.", nameof(interleaved));
        }

        int frames = interleaved.Length / 2;
        if (left.Length < frames || right.Length < frames)
        {
            throw new ArgumentException("Destination channels are too short.");
        }

        for (int i = 0; i < frames; i++)
        {
            left[i] = interleaved[2 * i];
            right[i] = interleaved[2 * i + 1];
        }
    }

    /// <summary>Copies one channel out of interleaved audio.</summary>
    public static void Extract(ReadOnlySpan<float> interleaved, int channels, int channel, Span<float> destination)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(channels, 1);
        ArgumentOutOfRangeException.ThrowIfNegative(channel);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(channel, channels);
        int frames = interleaved.Length / channels;
        if (destination.Length < frames)
        {
            throw new ArgumentException("Destination is too short.", nameof(destination));
        }

        for (int i = 0; i < frames; i++)
        {
            destination[i] = interleaved[i * channels + channel];
        }
    }

    /// <summary>Averages the channels of interleaved audio into mono.</summary>
    public static void Downmix(ReadOnlySpan<float> interleaved, int channels, Span<float> mono)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(channels, 1);
        int frames = interleaved.Length / channels;
        if (mono.Length < frames)
        {
            throw new ArgumentException("Destination is too short.", nameof(mono));
        }

        float scale = 1f / channels;
        for (int i = 0; i < frames; i++)
        {
            float sum = 0;
            for (int c = 0; c < channels; c++)
            {
                sum += interleaved[i * channels + c];
            }

            mono[i] = sum * scale;
        }
    }
}
