namespace Voxgate.Audio.Tests;

public sealed class Pcm16Tests
{
    [Fact]
    public void Every_PCM16_value_round_trips_through_float_exactly()
    {
        var all = new short[65536 + 5];
        for (int i = 0; i < 65536; i++)
        {
            all[i] = (short)(i - 32768);
        }

        var floats = new float[all.Length];
        Pcm16.ToFloat(all, floats);
        var back = new short[all.Length];
        Pcm16.FromFloat(floats, back);
        Assert.Equal(all, back);
        Assert.Equal(-1f, floats[0]);
        Assert.Equal(32767f / 32768f, floats[65535]);
    }

    [Theory]
    [InlineData(1.5f, 32767)]
    [InlineData(1.0f, 32767)]
    [InlineData(-1.0f, -32768)]
    [InlineData(-3.0f, -32768)]
    [InlineData(0.5f / 32768, 0)]
    [InlineData(1.5f / 32768, 2)]
    [InlineData(2.5f / 32768, 2)]
    [InlineData(-0.5f / 32768, 0)]
    [InlineData(float.NaN, 0)]
    [InlineData(float.PositiveInfinity, 32767)]
    [InlineData(float.NegativeInfinity, -32768)]
    public void Float_to_PCM16_rounds_half_to_even_and_clips(float input, short expected)
    {
        Assert.Equal(expected, Pcm16.FromFloat(input));

        // The vector path must agree with the scalar one.
        var many = Enumerable.Repeat(input, 67).ToArray();
        var output = new short[many.Length];
        Pcm16.FromFloat(many, output);
        Assert.All(output, s => Assert.Equal(expected, s));
    }

    [Fact]
    public void Byte_views_are_little_endian_and_reject_odd_lengths()
    {
        byte[] bytes = [0x01, 0x80, 0xFF, 0x7F];
        var floats = new float[2];
        Pcm16.ToFloat(bytes, floats);
        Assert.Equal(-32767f / 32768f, floats[0]);
        Assert.Equal(32767f / 32768f, floats[1]);
        Assert.Throws<ArgumentException>(() => Pcm16.ToFloat(new byte[3], new float[2]));
    }
}
