using Voxgate.Speech.Synthesis;

namespace Voxgate.Speech.Tests.Synthesis;

public sealed class FliteNativeTests
{
    private const string Text = "The kitchen lights are now on and the oven will be ready in about ten minutes from now.";

    [Fact]
    public async Task Audio_streams_in_many_callbacks_and_returning_false_stops_flite()
    {
        var whole = new CountingSink(stopAfter: int.MaxValue);
        var stopped = new CountingSink(stopAfter: 1);
        await FliteVoicePool.Shared.SynthesizeAsync("slt", Text, whole, durationStretch: 1, CancellationToken.None);
        await FliteVoicePool.Shared.SynthesizeAsync("slt", Text, stopped, durationStretch: 1, CancellationToken.None);

        Assert.True(whole.Calls > 20, $"{whole.Calls} callbacks");
        Assert.True(whole.SawLast);
        Assert.Equal(16000, whole.SampleRate);
        Assert.Equal(1, stopped.Calls);
        Assert.True(stopped.Samples < whole.Samples / 10);
    }

    private sealed class CountingSink(int stopAfter) : FliteNative.IAudioSink
    {
        public int Calls { get; private set; }

        public long Samples { get; private set; }

        public int SampleRate { get; private set; }

        public bool SawLast { get; private set; }

        public bool OnAudio(ReadOnlySpan<short> samples, int sampleRate, bool last)
        {
            Calls++;
            Samples += samples.Length;
            SampleRate = sampleRate;
            SawLast |= last;
            return Calls < stopAfter;
        }
    }
}
