using System.Buffers.Binary;

namespace Voxgate.Audio;

/// <summary>
/// Reads and writes RIFF/WAVE files: PCM16, float32, A-law and µ-law, any channel count and rate.
/// </summary>
/// <remarks>
/// Every header field is checked before it is trusted. A truncated, inconsistent or hostile file raises
/// <see cref="InvalidDataException"/> naming the problem; memory is only ever allocated for bytes that
/// are really present, never for what a header claims.
/// </remarks>
public static class WavFile
{
    /// <summary>The default cap on the audio data read from one file (256 MiB).</summary>
    public const long DefaultMaxDataBytes = 256L * 1024 * 1024;

    private const int MaxChannels = 32;
    private const int MaxSampleRate = 768_000;
    private const int MaxChunksBeforeData = 1024;
    private const ushort TagPcm = 1;
    private const ushort TagFloat = 3;
    private const ushort TagALaw = 6;
    private const ushort TagMuLaw = 7;
    private const ushort TagExtensible = 0xFFFE;

    /// <summary>Reads a WAV file from disk.</summary>
    public static AudioClip Read(string path, long maxDataBytes = DefaultMaxDataBytes) => Read(path, out _, maxDataBytes);

    /// <summary>Reads a WAV file from disk; <paramref name="encoding"/> tells how its samples were stored.</summary>
    public static AudioClip Read(string path, out WavEncoding encoding, long maxDataBytes = DefaultMaxDataBytes)
    {
        using var stream = File.OpenRead(path);
        return Read(stream, out encoding, maxDataBytes);
    }

    /// <summary>Reads a WAV file from a stream.</summary>
    public static AudioClip Read(Stream stream, long maxDataBytes = DefaultMaxDataBytes) => Read(stream, out _, maxDataBytes);

    /// <summary>Reads a WAV file; <paramref name="encoding"/> tells how its samples were stored.</summary>
    public static AudioClip Read(Stream stream, out WavEncoding encoding, long maxDataBytes = DefaultMaxDataBytes)
    {
        ArgumentNullException.ThrowIfNull(stream);
        Span<byte> header = stackalloc byte[12];
        ReadExactly(stream, header, "RIFF header");
        if (!header[..4].SequenceEqual("RIFF"u8) || !header[8..12].SequenceEqual("WAVE"u8))
        {
            throw new InvalidDataException("Not a WAV file: it does not start with RIFF....WAVE.");
        }

        WavFormat? format = null;
        Span<byte> chunkHeader = stackalloc byte[8];
        for (int chunk = 0; chunk < MaxChunksBeforeData; chunk++)
        {
            if (!TryReadExactly(stream, chunkHeader))
            {
                throw new InvalidDataException(format is null ? "WAV file has no fmt chunk." : "WAV file has no data chunk.");
            }

            uint size = BinaryPrimitives.ReadUInt32LittleEndian(chunkHeader[4..]);
            if (chunkHeader[..4].SequenceEqual("fmt "u8))
            {
                if (format is not null)
                {
                    throw new InvalidDataException("WAV file has two fmt chunks.");
                }

                format = ReadFormat(stream, size);
            }
            else if (chunkHeader[..4].SequenceEqual("data"u8))
            {
                if (format is null)
                {
                    throw new InvalidDataException("WAV data chunk comes before its fmt chunk.");
                }

                encoding = format.Value.Encoding;
                byte[] data = ReadData(stream, size, format.Value.BlockAlign, maxDataBytes);
                return Decode(data, format.Value);
            }
            else
            {
                Skip(stream, size + (size & 1), chunkHeader[..4]);
            }
        }

        throw new InvalidDataException($"WAV file has more than {MaxChunksBeforeData} chunks before its data.");
    }

    /// <summary>Writes <paramref name="clip"/> as a WAV file on disk.</summary>
    public static void Write(string path, AudioClip clip, WavEncoding encoding = WavEncoding.Pcm16)
    {
        using var stream = File.Create(path);
        Write(stream, clip, encoding);
    }

    /// <summary>Writes <paramref name="clip"/> as a WAV file.</summary>
    public static void Write(Stream stream, AudioClip clip, WavEncoding encoding = WavEncoding.Pcm16)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(clip);
        byte[] data = Encode(clip.Samples, encoding);
        int bytesPerSample = BytesPerSample(encoding);
        bool plainPcm = encoding == WavEncoding.Pcm16;
        int fmtSize = plainPcm ? 16 : 18;
        int factSize = plainPcm ? 0 : 12;
        long riffSize = 4 + (8 + fmtSize) + factSize + (8 + data.Length) + (data.Length & 1);
        if (riffSize > uint.MaxValue)
        {
            throw new ArgumentException("The clip is too long for a WAV file.", nameof(clip));
        }

        Span<byte> head = stackalloc byte[12 + 8 + 18 + 12 + 8];
        int p = 0;
        "RIFF"u8.CopyTo(head[p..]); p += 4;
        BinaryPrimitives.WriteUInt32LittleEndian(head[p..], (uint)riffSize); p += 4;
        "WAVE"u8.CopyTo(head[p..]); p += 4;
        "fmt "u8.CopyTo(head[p..]); p += 4;
        BinaryPrimitives.WriteUInt32LittleEndian(head[p..], (uint)fmtSize); p += 4;
        BinaryPrimitives.WriteUInt16LittleEndian(head[p..], FormatTag(encoding)); p += 2;
        BinaryPrimitives.WriteUInt16LittleEndian(head[p..], (ushort)clip.Channels); p += 2;
        BinaryPrimitives.WriteUInt32LittleEndian(head[p..], (uint)clip.SampleRate); p += 4;
        BinaryPrimitives.WriteUInt32LittleEndian(head[p..], (uint)(clip.SampleRate * clip.Channels * bytesPerSample)); p += 4;
        BinaryPrimitives.WriteUInt16LittleEndian(head[p..], (ushort)(clip.Channels * bytesPerSample)); p += 2;
        BinaryPrimitives.WriteUInt16LittleEndian(head[p..], (ushort)(bytesPerSample * 8)); p += 2;
        if (!plainPcm)
        {
            BinaryPrimitives.WriteUInt16LittleEndian(head[p..], 0); p += 2;
            "fact"u8.CopyTo(head[p..]); p += 4;
            BinaryPrimitives.WriteUInt32LittleEndian(head[p..], 4); p += 4;
            BinaryPrimitives.WriteUInt32LittleEndian(head[p..], (uint)clip.Frames); p += 4;
        }

        "data"u8.CopyTo(head[p..]); p += 4;
        BinaryPrimitives.WriteUInt32LittleEndian(head[p..], (uint)data.Length); p += 4;
        stream.Write(head[..p]);
        stream.Write(data);
        if ((data.Length & 1) != 0)
        {
            stream.WriteByte(0);
        }
    }

    /// <summary>Encodes float samples in the given encoding's raw byte layout (no header).</summary>
    public static byte[] Encode(ReadOnlySpan<float> samples, WavEncoding encoding)
    {
        var data = new byte[samples.Length * BytesPerSample(encoding)];
        switch (encoding)
        {
            case WavEncoding.Pcm16:
                Pcm16.FromFloat(samples, data.AsSpan());
                break;
            case WavEncoding.IeeeFloat:
                for (int i = 0; i < samples.Length; i++)
                {
                    BinaryPrimitives.WriteSingleLittleEndian(data.AsSpan(i * 4), samples[i]);
                }

                break;
            case WavEncoding.MuLaw:
            case WavEncoding.ALaw:
                var pcm = new short[samples.Length];
                Pcm16.FromFloat(samples, pcm);
                if (encoding == WavEncoding.MuLaw)
                {
                    G711.EncodeMuLaw(pcm, data);
                }
                else
                {
                    G711.EncodeALaw(pcm, data);
                }

                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(encoding));
        }

        return data;
    }

    /// <summary>Bytes one sample of <paramref name="encoding"/> takes.</summary>
    public static int BytesPerSample(WavEncoding encoding) => encoding switch
    {
        WavEncoding.Pcm16 => 2,
        WavEncoding.IeeeFloat => 4,
        WavEncoding.MuLaw or WavEncoding.ALaw => 1,
        _ => throw new ArgumentOutOfRangeException(nameof(encoding)),
    };

    private static ushort FormatTag(WavEncoding encoding) => encoding switch
    {
        WavEncoding.Pcm16 => TagPcm,
        WavEncoding.IeeeFloat => TagFloat,
        WavEncoding.ALaw => TagALaw,
        WavEncoding.MuLaw => TagMuLaw,
        _ => throw new ArgumentOutOfRangeException(nameof(encoding)),
    };

    private static WavFormat ReadFormat(Stream stream, uint size)
    {
        if (size < 16 || size > 1024)
        {
            throw new InvalidDataException($"WAV fmt chunk has an impossible size of {size} bytes.");
        }

        Span<byte> fmt = stackalloc byte[(int)size + (int)(size & 1)];
        ReadExactly(stream, fmt, "fmt chunk");
        ushort tag = BinaryPrimitives.ReadUInt16LittleEndian(fmt);
        int channels = BinaryPrimitives.ReadUInt16LittleEndian(fmt[2..]);
        uint rate = BinaryPrimitives.ReadUInt32LittleEndian(fmt[4..]);
        int blockAlign = BinaryPrimitives.ReadUInt16LittleEndian(fmt[12..]);
        int bits = BinaryPrimitives.ReadUInt16LittleEndian(fmt[14..]);
        if (tag == TagExtensible)
        {
            if (size < 40)
            {
                throw new InvalidDataException("WAV extensible fmt chunk is shorter than 40 bytes.");
            }

            tag = BinaryPrimitives.ReadUInt16LittleEndian(fmt[24..]);
        }

        if (channels is < 1 or > MaxChannels)
        {
            throw new InvalidDataException($"WAV file claims {channels} channels; 1 to {MaxChannels} are supported.");
        }

        if (rate is < 1 or > MaxSampleRate)
        {
            throw new InvalidDataException($"WAV file claims a sample rate of {rate} Hz; 1 to {MaxSampleRate} are supported.");
        }

        WavEncoding encoding = (tag, bits) switch
        {
            (TagPcm, 16) => WavEncoding.Pcm16,
            (TagFloat, 32) => WavEncoding.IeeeFloat,
            (TagALaw, 8) => WavEncoding.ALaw,
            (TagMuLaw, 8) => WavEncoding.MuLaw,
            _ => throw new InvalidDataException($"WAV format tag {tag} with {bits} bits per sample is not supported (PCM16, float32, A-law and µ-law are)."),
        };

        if (blockAlign != channels * bits / 8)
        {
            throw new InvalidDataException($"WAV block align {blockAlign} does not match {channels} channels of {bits} bits.");
        }

        return new WavFormat(encoding, channels, (int)rate, blockAlign);
    }

    private static byte[] ReadData(Stream stream, uint size, int blockAlign, long maxDataBytes)
    {
        // 0xFFFFFFFF and 0 are what streaming writers leave when they never come back to fix the size.
        bool untilEnd = size is uint.MaxValue or 0;
        long wanted = untilEnd ? maxDataBytes + 1 : size;
        if (!untilEnd && wanted > maxDataBytes)
        {
            throw new InvalidDataException($"WAV data chunk of {size} bytes is over the {maxDataBytes}-byte limit.");
        }

        if (stream.CanSeek && !untilEnd && stream.Length - stream.Position < wanted)
        {
            throw new InvalidDataException($"WAV file is truncated: its data chunk promises {size} bytes but only {stream.Length - stream.Position} follow.");
        }

        // Grow with what really arrives, so a lying size on a non-seekable stream cannot force a huge allocation.
        using var buffer = new MemoryStream(stream.CanSeek ? (int)Math.Min(wanted, stream.Length - stream.Position) : 64 * 1024);
        byte[] block = new byte[64 * 1024];
        long remaining = wanted;
        while (remaining > 0)
        {
            int read = stream.Read(block, 0, (int)Math.Min(block.Length, remaining));
            if (read == 0)
            {
                break;
            }

            buffer.Write(block, 0, read);
            remaining -= read;
        }

        if (untilEnd && buffer.Length > maxDataBytes)
        {
            throw new InvalidDataException($"WAV data is over the {maxDataBytes}-byte limit.");
        }

        if (!untilEnd && remaining > 0)
        {
            throw new InvalidDataException($"WAV file is truncated: its data chunk promises {size} bytes but only {buffer.Length} follow.");
        }

        long whole = buffer.Length - buffer.Length % blockAlign;
        if (whole != buffer.Length && !untilEnd)
        {
            throw new InvalidDataException($"WAV data chunk of {size} bytes is not a whole number of {blockAlign}-byte frames.");
        }

        byte[] data = buffer.GetBuffer();
        return data.Length == whole ? data : data.AsSpan(0, (int)whole).ToArray();
    }

    private static AudioClip Decode(byte[] data, WavFormat format)
    {
        int bytesPerSample = format.BlockAlign / format.Channels;
        var samples = new float[data.Length / bytesPerSample];
        switch (format.Encoding)
        {
            case WavEncoding.Pcm16:
                Pcm16.ToFloat(data.AsSpan(0, samples.Length * 2), samples);
                break;
            case WavEncoding.IeeeFloat:
                for (int i = 0; i < samples.Length; i++)
                {
                    float value = BinaryPrimitives.ReadSingleLittleEndian(data.AsSpan(i * 4));
                    samples[i] = float.IsFinite(value) ? value : 0f;
                }

                break;
            default:
                var pcm = new short[samples.Length];
                if (format.Encoding == WavEncoding.MuLaw)
                {
                    G711.DecodeMuLaw(data.AsSpan(0, samples.Length), pcm);
                }
                else
                {
                    G711.DecodeALaw(data.AsSpan(0, samples.Length), pcm);
                }

                Pcm16.ToFloat(pcm, samples);
                break;
        }

        return new AudioClip(samples, format.SampleRate, format.Channels);
    }

    private static void Skip(Stream stream, long bytes, ReadOnlySpan<byte> chunkId)
    {
        if (stream.CanSeek)
        {
            if (stream.Length - stream.Position < bytes)
            {
                throw new InvalidDataException($"WAV file is truncated inside its '{System.Text.Encoding.ASCII.GetString(chunkId)}' chunk.");
            }

            stream.Seek(bytes, SeekOrigin.Current);
            return;
        }

        Span<byte> scratch = stackalloc byte[4096];
        while (bytes > 0)
        {
            int read = stream.Read(scratch[..(int)Math.Min(scratch.Length, bytes)]);
            if (read == 0)
            {
                throw new InvalidDataException($"WAV file is truncated inside its '{System.Text.Encoding.ASCII.GetString(chunkId)}' chunk.");
            }

            bytes -= read;
        }
    }

    private static void ReadExactly(Stream stream, Span<byte> buffer, string what)
    {
        if (!TryReadExactly(stream, buffer))
        {
            throw new InvalidDataException($"WAV file is truncated in its {what}.");
        }
    }

    private static bool TryReadExactly(Stream stream, Span<byte> buffer)
    {
        int total = 0;
        while (total < buffer.Length)
        {
            int read = stream.Read(buffer[total..]);
            if (read == 0)
            {
                return false;
            }

            total += read;
        }

        return true;
    }

    private readonly record struct WavFormat(WavEncoding Encoding, int Channels, int SampleRate, int BlockAlign);
}
