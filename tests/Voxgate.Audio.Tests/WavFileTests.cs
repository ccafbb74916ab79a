using System.Buffers.Binary;

namespace Voxgate.Audio.Tests;

public sealed class WavFileTests
{
    [Theory]
    [InlineData(WavEncoding.Pcm16, 1, 24000)]
    [InlineData(WavEncoding.Pcm16, 2, 44100)]
    [InlineData(WavEncoding.IeeeFloat, 1, 48000)]
    [InlineData(WavEncoding.IeeeFloat, 2, 22050)]
    [InlineData(WavEncoding.MuLaw, 1, 8000)]
    [InlineData(WavEncoding.ALaw, 1, 8000)]
    public void Written_files_read_back_with_the_same_format_and_samples(WavEncoding encoding, int channels, int rate)
    {
        float[] samples = SineFit.Tone(440, rate, rate / 10 * channels, 0.7);
        var clip = new AudioClip(samples, rate, channels);
        using var stream = new MemoryStream();
        WavFile.Write(stream, clip, encoding);
        stream.Position = 0;

        AudioClip back = WavFile.Read(stream, out WavEncoding readEncoding);

        Assert.Equal(encoding, readEncoding);
        Assert.Equal(rate, back.SampleRate);
        Assert.Equal(channels, back.Channels);
        Assert.Equal(samples.Length, back.Samples.Length);
        double tolerance = encoding switch
        {
            WavEncoding.IeeeFloat => 0,
            WavEncoding.Pcm16 => 1.0 / 32768,
            _ => 0.03,
        };
        for (int i = 0; i < samples.Length; i++)
        {
            Assert.True(Math.Abs(samples[i] - back.Samples[i]) <= tolerance, $"sample {i}: {samples[i]} vs {back.Samples[i]}");
        }
    }

    [Fact]
    public void Files_written_by_sox_are_read()
    {
        string dir = Directory.CreateTempSubdirectory("voxgate-wav-").FullName;
        try
        {
            string path = Path.Combine(dir, "sox.wav");
            Sox.Run("-n", "-r", "16000", "-c", "2", "-b", "16", "-e", "signed-integer", path, "synth", "0.25", "sine", "1000", "vol", "0.5");
            AudioClip clip = WavFile.Read(path);
            Assert.Equal(16000, clip.SampleRate);
            Assert.Equal(2, clip.Channels);
            Assert.Equal(4000, clip.Frames);
            var left = new float[clip.Frames];
            ChannelLayout.Extract(clip.Samples, 2, 0, left);
            Assert.InRange(SineFit.Of(left, 1000, 16000).Amplitude, 0.49, 0.51);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Fact]
    public void Every_truncation_of_a_valid_file_is_an_InvalidDataException()
    {
        byte[] file = Valid();
        for (int length = 0; length < file.Length; length++)
        {
            using var stream = new MemoryStream(file, 0, length);
            Assert.Throws<InvalidDataException>(() => WavFile.Read(stream));
        }
    }

    [Fact]
    public void A_data_size_that_lies_never_allocates_what_it_claims()
    {
        byte[] file = Valid();
        BinaryPrimitives.WriteUInt32LittleEndian(file.AsSpan(40), 0x7FFF_FFF0);
        var error = Assert.Throws<InvalidDataException>(() => WavFile.Read(new MemoryStream(file)));
        Assert.Contains("limit", error.Message, StringComparison.Ordinal);

        BinaryPrimitives.WriteUInt32LittleEndian(file.AsSpan(40), 10_000_000);
        error = Assert.Throws<InvalidDataException>(() => WavFile.Read(new MemoryStream(file)));
        Assert.Contains("truncated", error.Message, StringComparison.Ordinal);

        // The same lie on a stream that cannot seek is found when the bytes run out.
        long before = GC.GetAllocatedBytesForCurrentThread();
        Assert.Throws<InvalidDataException>(() => WavFile.Read(new NonSeekable(file)));
        Assert.True(GC.GetAllocatedBytesForCurrentThread() - before < 2_000_000, "allocated for the claimed size");
    }

    [Fact]
    public void Streaming_writers_unknown_data_size_reads_to_the_end()
    {
        byte[] file = Valid();
        BinaryPrimitives.WriteUInt32LittleEndian(file.AsSpan(40), uint.MaxValue);
        Assert.Equal(100, WavFile.Read(new NonSeekable(file)).Frames);
    }

    [Theory]
    [InlineData(22, (ushort)0, "channels")]
    [InlineData(22, (ushort)60000, "channels")]
    [InlineData(20, (ushort)2, "format tag")]
    [InlineData(34, (ushort)24, "format tag")]
    [InlineData(32, (ushort)3, "block align")]
    public void Inconsistent_fmt_fields_are_named_in_the_error(int offset, ushort value, string named)
    {
        byte[] file = Valid();
        BinaryPrimitives.WriteUInt16LittleEndian(file.AsSpan(offset), value);
        var error = Assert.Throws<InvalidDataException>(() => WavFile.Read(new MemoryStream(file)));
        Assert.Contains(named, error.Message, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void Hostile_headers_and_random_bytes_give_only_InvalidDataException()
    {
        var random = new Random(7);
        byte[] valid = Valid();
        for (int round = 0; round < 5000; round++)
        {
            byte[] file = (byte[])valid.Clone();
            int flips = random.Next(1, 6);
            for (int f = 0; f < flips; f++)
            {
                file[random.Next(0, 48)] = (byte)random.Next(256);
            }

            try
            {
                AudioClip clip = WavFile.Read(new MemoryStream(file));
                Assert.True(clip.Samples.Length <= file.Length);
            }
            catch (InvalidDataException)
            {
            }
        }

        var garbage = new byte[4096];
        random.NextBytes(garbage);
        Assert.Throws<InvalidDataException>(() => WavFile.Read(new MemoryStream(garbage)));
    }

    [Fact]
    public void Unknown_chunks_before_the_data_are_skipped()
    {
        byte[] valid = Valid();
        using var stream = new MemoryStream();
        stream.Write(valid, 0, 36);
        stream.Write("LIST"u8);
        stream.Write([5, 0, 0, 0, 1, 2, 3, 4, 5, 0]);
        stream.Write(valid, 36, valid.Length - 36);
        stream.Position = 0;
        Assert.Equal(100, WavFile.Read(stream).Frames);
    }

    private static byte[] Valid()
    {
        using var stream = new MemoryStream();
        WavFile.Write(stream, new AudioClip(SineFit.Tone(300, 8000, 100), 8000, 1));
        return stream.ToArray();
    }

    private sealed class NonSeekable(byte[] data) : MemoryStream(data)
    {
        public override bool CanSeek => false;

        public override long Length => throw new NotSupportedException();
    }
}
