using Voxgate.Audio;

namespace Voxgate.Calls.Tests.TestSupport;

/// <summary>Sine tones as PCM16, and the level of a stretch of a recording.</summary>
public static class Tone
{
    public static byte[] Pcm16(double hz, int ms, int rate = 24000, double amplitude = 0.5)
    {
        var samples = new float[rate * ms / 1000];
        for (int i = 0; i < samples.Length; i++)
        {
            samples[i] = (float)(amplitude * Math.Sin(2 * Math.PI * hz * i / rate));
        }

        var bytes = new byte[samples.Length * 2];
        Voxgate.Audio.Pcm16.FromFloat(samples, bytes);
        return bytes;
    }

    /// <summary>RMS of <paramref name="channel"/> of a stereo clip between two times.</summary>
    public static double Rms(AudioClip clip, int channel, int fromMs, int toMs)
    {
        int from = clip.SampleRate * fromMs / 1000;
        int to = Math.Min(clip.Frames, clip.SampleRate * toMs / 1000);
        double sum = 0;
        for (int i = from; i < to; i++)
        {
            float s = clip.Samples[(i * clip.Channels) + channel];
            sum += s * s;
        }

        return to > from ? Math.Sqrt(sum / (to - from)) : 0;
    }
}
