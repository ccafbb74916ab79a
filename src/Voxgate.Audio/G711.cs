using System.Runtime.InteropServices;

namespace Voxgate.Audio;

/// <summary>
/// ITU-T G.711 µ-law and A-law, bit-exact with sox's coder for every PCM16 input.
/// </summary>
/// <remarks>
/// A PCM16 sample is first rounded (half up, saturating) to the law's uniform input width, 14 bits for µ-law
/// and 13 for A-law, exactly as sox does, then quantised by the ITU-T G.711 segment tables (the classic
/// CCITT/Sun reference code). Rounding rather than truncating keeps the quantisation error centred.
/// Encoding looks up a 64 KiB table per law built once, so a frame costs one load per sample; decoding uses
/// 256-entry tables.
/// </remarks>
public static class G711
{
    private const int Bias = 0x84;
    private const int MuLawClip = 8159;

    private static readonly byte[] MuLawEncodeTable = BuildEncodeTable(EncodeMuLawReference);
    private static readonly byte[] ALawEncodeTable = BuildEncodeTable(EncodeALawReference);
    private static readonly short[] MuLawDecodeTable = BuildDecodeTable(DecodeMuLawReference);
    private static readonly short[] ALawDecodeTable = BuildDecodeTable(DecodeALawReference);

    /// <summary>Encodes one PCM16 sample to µ-law.</summary>
    public static byte EncodeMuLaw(short sample) => MuLawEncodeTable[(ushort)sample];

    /// <summary>Encodes one PCM16 sample to A-law.</summary>
    public static byte EncodeALaw(short sample) => ALawEncodeTable[(ushort)sample];

    /// <summary>Decodes one µ-law byte to PCM16.</summary>
    public static short DecodeMuLaw(byte code) => MuLawDecodeTable[code];

    /// <summary>Decodes one A-law byte to PCM16.</summary>
    public static short DecodeALaw(byte code) => ALawDecodeTable[code];

    /// <summary>Encodes PCM16 samples to µ-law bytes.</summary>
    public static void EncodeMuLaw(ReadOnlySpan<short> source, Span<byte> destination) => Encode(source, destination, MuLawEncodeTable);

    /// <summary>Encodes PCM16 samples to A-law bytes.</summary>
    public static void EncodeALaw(ReadOnlySpan<short> source, Span<byte> destination) => Encode(source, destination, ALawEncodeTable);

    /// <summary>Decodes µ-law bytes to PCM16 samples.</summary>
    public static void DecodeMuLaw(ReadOnlySpan<byte> source, Span<short> destination) => Decode(source, destination, MuLawDecodeTable);

    /// <summary>Decodes A-law bytes to PCM16 samples.</summary>
    public static void DecodeALaw(ReadOnlySpan<byte> source, Span<short> destination) => Decode(source, destination, ALawDecodeTable);

    private static void Encode(ReadOnlySpan<short> source, Span<byte> destination, byte[] table)
    {
        if (destination.Length < source.Length)
        {
            throw new ArgumentException("Destination is shorter than source.", nameof(destination));
        }

        ref byte lut = ref MemoryMarshal.GetArrayDataReference(table);
        for (int i = 0; i < source.Length; i++)
        {
            destination[i] = System.Runtime.CompilerServices.Unsafe.Add(ref lut, (ushort)source[i]);
        }
    }

    private static void Decode(ReadOnlySpan<byte> source, Span<short> destination, short[] table)
    {
        if (destination.Length < source.Length)
        {
            throw new ArgumentException("Destination is shorter than source.", nameof(destination));
        }

        ref short lut = ref MemoryMarshal.GetArrayDataReference(table);
        for (int i = 0; i < source.Length; i++)
        {
            destination[i] = System.Runtime.CompilerServices.Unsafe.Add(ref lut, source[i]);
        }
    }

    private static byte[] BuildEncodeTable(Func<short, byte> encode)
    {
        var table = new byte[65536];
        for (int i = 0; i < table.Length; i++)
        {
            table[i] = encode((short)(ushort)i);
        }

        return table;
    }

    private static short[] BuildDecodeTable(Func<byte, short> decode)
    {
        var table = new short[256];
        for (int i = 0; i < table.Length; i++)
        {
            table[i] = decode((byte)i);
        }

        return table;
    }

    // Segment search as in the reference: the first segment whose end is >= value, or 8.
    private static int Segment(int value, int firstEnd)
    {
        int segment = 0;
        for (int end = firstEnd; segment < 8 && value > end; end = end * 2 + 1)
        {
            segment++;
        }

        return segment;
    }

    internal static byte EncodeMuLawReference(short sample)
    {
        int value = Math.Min((sample + 2) >> 2, 8191);
        int mask;
        if (value < 0)
        {
            value = -value;
            mask = 0x7F;
        }
        else
        {
            mask = 0xFF;
        }

        value = Math.Min(value, MuLawClip) + (Bias >> 2);
        int segment = Segment(value, 0x3F);
        if (segment >= 8)
        {
            return (byte)(0x7F ^ mask);
        }

        return (byte)(((segment << 4) | ((value >> (segment + 1)) & 0xF)) ^ mask);
    }

    internal static byte EncodeALawReference(short sample)
    {
        int value = Math.Min((sample + 4) >> 3, 4095);
        int mask;
        if (value >= 0)
        {
            mask = 0xD5;
        }
        else
        {
            mask = 0x55;
            value = -value - 1;
        }

        int segment = Segment(value, 0x1F);
        if (segment >= 8)
        {
            return (byte)(0x7F ^ mask);
        }

        int code = segment << 4;
        code |= segment < 2 ? (value >> 1) & 0xF : (value >> segment) & 0xF;
        return (byte)(code ^ mask);
    }

    internal static short DecodeMuLawReference(byte code)
    {
        int u = ~code & 0xFF;
        int t = ((u & 0x0F) << 3) + Bias;
        t <<= (u & 0x70) >> 4;
        return (short)((u & 0x80) != 0 ? Bias - t : t - Bias);
    }

    internal static short DecodeALawReference(byte code)
    {
        int a = code ^ 0x55;
        int t = (a & 0x0F) << 4;
        int segment = (a & 0x70) >> 4;
        t += segment switch
        {
            0 => 8,
            _ => 0x108,
        };
        if (segment > 1)
        {
            t <<= segment - 1;
        }

        return (short)((a & 0x80) != 0 ? t : -t);
    }
}
