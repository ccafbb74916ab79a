using System.Numerics;
using System.Runtime.InteropServices;

namespace Voxgate.Audio;

/// <summary>
/// Conversions between 16-bit PCM and 32-bit float samples.
/// </summary>
/// <remarks>
/// The scale is 32768: <c>short.MinValue</c> maps to exactly -1.0 and <c>short.MaxValue</c> to 32767/32768.
/// Float to PCM multiplies by 32768, rounds to nearest with ties to even, and clips to [-32768, 32767],
/// so any float in [-1, 1) round-trips bit-exactly and values outside saturate instead of wrapping.
/// NaN converts to 0.
/// </remarks>
public static class Pcm16
{
    private const float Scale = 32768f;
    private const float InverseScale = 1f / 32768f;

    /// <summary>Bytes per PCM16 sample.</summary>
    public const int BytesPerSample = 2;

    /// <summary>Converts PCM16 samples to floats in [-1, 1).</summary>
    public static void ToFloat(ReadOnlySpan<short> source, Span<float> destination)
    {
        if (destination.Length < source.Length)
        {
            throw new ArgumentException("Destination is shorter than source.", nameof(destination));
        }

        int i = 0;
        if (Vector.IsHardwareAccelerated && source.Length >= Vector<short>.Count)
        {
            var scale = new Vector<float>(InverseScale);
            ref short src = ref MemoryMarshal.GetReference(source);
            ref float dst = ref MemoryMarshal.GetReference(destination);
            int last = source.Length - Vector<short>.Count;
            for (; i <= last; i += Vector<short>.Count)
            {
                var s = Vector.LoadUnsafe(ref src, (nuint)i);
                Vector.Widen(s, out Vector<int> lo, out Vector<int> hi);
                (Vector.ConvertToSingle(lo) * scale).StoreUnsafe(ref dst, (nuint)i);
                (Vector.ConvertToSingle(hi) * scale).StoreUnsafe(ref dst, (nuint)(i + Vector<int>.Count));
            }
        }

        for (; i < source.Length; i++)
        {
            destination[i] = source[i] * InverseScale;
        }
    }

    /// <summary>Converts little-endian PCM16 bytes to floats. An odd trailing byte is an error.</summary>
    public static void ToFloat(ReadOnlySpan<byte> littleEndianPcm, Span<float> destination)
    {
        if ((littleEndianPcm.Length & 1) != 0)
        {
            throw new ArgumentException("PCM16 data must hold a whole number of 2-byte samples.", nameof(littleEndianPcm));
        }

        ToFloat(AsSamples(littleEndianPcm), destination);
    }

    /// <summary>Converts floats to PCM16 with rounding to nearest (ties to even) and clipping.</summary>
    public static void FromFloat(ReadOnlySpan<float> source, Span<short> destination)
    {
        if (destination.Length < source.Length)
        {
            throw new ArgumentException("Destination is shorter than source.", nameof(destination));
        }

        int i = 0;
        if (Vector.IsHardwareAccelerated && source.Length >= Vector<short>.Count)
        {
            var scale = new Vector<float>(Scale);
            var min = new Vector<float>(short.MinValue);
            var max = new Vector<float>(short.MaxValue);
            ref float src = ref MemoryMarshal.GetReference(source);
            ref short dst = ref MemoryMarshal.GetReference(destination);
            int last = source.Length - Vector<short>.Count;
            for (; i <= last; i += Vector<short>.Count)
            {
                var a = Vector.LoadUnsafe(ref src, (nuint)i);
                var b = Vector.LoadUnsafe(ref src, (nuint)(i + Vector<float>.Count));
                // NaN fails both comparisons inside Min/Max differently per platform; zero it explicitly.
                a = Vector.ConditionalSelect(Vector.Equals(a, a), a, Vector<float>.Zero);
                b = Vector.ConditionalSelect(Vector.Equals(b, b), b, Vector<float>.Zero);
                var ia = Vector.ConvertToInt32(Vector.Round(Vector.Min(Vector.Max(a * scale, min), max)));
                var ib = Vector.ConvertToInt32(Vector.Round(Vector.Min(Vector.Max(b * scale, min), max)));
                Vector.Narrow(ia, ib).StoreUnsafe(ref dst, (nuint)i);
            }
        }

        for (; i < source.Length; i++)
        {
            destination[i] = FromFloat(source[i]);
        }
    }

    /// <summary>Converts one float to PCM16 (round half to even, clip, NaN to 0).</summary>
    public static short FromFloat(float sample)
    {
        float scaled = MathF.Round(sample * Scale, MidpointRounding.ToEven);
        if (!(scaled >= short.MinValue))
        {
            return float.IsNaN(scaled) ? (short)0 : short.MinValue;
        }

        return scaled > short.MaxValue ? short.MaxValue : (short)scaled;
    }

    /// <summary>Converts floats to little-endian PCM16 bytes; the destination needs two bytes per sample.</summary>
    public static void FromFloat(ReadOnlySpan<float> source, Span<byte> littleEndianPcm)
    {
        if (littleEndianPcm.Length < source.Length * 2)
        {
            throw new ArgumentException("Destination is shorter than two bytes per sample.", nameof(littleEndianPcm));
        }

        FromFloat(source, AsSamples(littleEndianPcm));
    }

    /// <summary>Views little-endian PCM16 bytes as samples without copying.</summary>
    public static ReadOnlySpan<short> AsSamples(ReadOnlySpan<byte> littleEndianPcm)
    {
        EnsureLittleEndian();
        return MemoryMarshal.Cast<byte, short>(littleEndianPcm);
    }

    /// <summary>Views little-endian PCM16 bytes as samples without copying.</summary>
    public static Span<short> AsSamples(Span<byte> littleEndianPcm)
    {
        EnsureLittleEndian();
        return MemoryMarshal.Cast<byte, short>(littleEndianPcm);
    }

    private static void EnsureLittleEndian()
    {
        if (!BitConverter.IsLittleEndian)
        {
            throw new PlatformNotSupportedException("Voxgate's PCM16 views assume a little-endian machine.");
        }
    }
}
