using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Voxgate.Audio;

/// <summary>
/// A streaming, band-limited sample-rate converter (polyphase windowed sinc) for mono float audio.
/// </summary>
/// <remarks>
/// State carries across calls: feeding a signal in chunks of any sizes gives bit-identical output to one call.
/// The filter bank is shared per rate pair; one instance holds only its input history (a few hundred floats).
/// Output is delayed by <see cref="DelayInputSamples"/> input samples. Not thread-safe: one instance per stream.
/// </remarks>
public sealed class Resampler
{
    private const int BlockSamples = 2048;

    private readonly ResamplerKernel _kernel;
    private readonly float[] _history;
    private readonly int _taps;
    private int _count;

    // Position of the next output sample in upsampled units (1/L input sample), relative to _history[0].
    private long _position;

    /// <summary>Creates a converter from <paramref name="inputRate"/> to <paramref name="outputRate"/> Hz.</summary>
    public Resampler(int inputRate, int outputRate)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(inputRate, 1000);
        ArgumentOutOfRangeException.ThrowIfLessThan(outputRate, 1000);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(inputRate, 384_000);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(outputRate, 384_000);
        InputRate = inputRate;
        OutputRate = outputRate;
        _kernel = ResamplerKernel.For(inputRate, outputRate);
        _taps = _kernel.TapsPerPhase;
        _history = new float[_taps + BlockSamples + _kernel.Decimation / _kernel.Interpolation + 2];
        Reset();
    }

    /// <summary>The input sample rate in Hz.</summary>
    public int InputRate { get; }

    /// <summary>The output sample rate in Hz.</summary>
    public int OutputRate { get; }

    /// <summary>The filter's group delay in input samples.</summary>
    public double DelayInputSamples => _kernel.DelayInputSamples;

    /// <summary>The most samples one call with <paramref name="inputLength"/> input samples can produce.</summary>
    public int GetMaxOutputLength(int inputLength)
        => (int)((long)inputLength * _kernel.Interpolation / _kernel.Decimation) + 2;

    /// <summary>Forgets all history, as for a new stream.</summary>
    public void Reset()
    {
        Array.Clear(_history);
        _count = _taps - 1;
        _position = (long)(_taps - 1) * _kernel.Interpolation;
    }

    /// <summary>
    /// Converts <paramref name="input"/> and writes the samples that are now complete into
    /// <paramref name="output"/>; returns how many were written. Allocates nothing.
    /// </summary>
    public int Process(ReadOnlySpan<float> input, Span<float> output)
    {
        if (output.Length < GetMaxOutputLength(input.Length))
        {
            throw new ArgumentException($"Output needs room for {GetMaxOutputLength(input.Length)} samples.", nameof(output));
        }

        int written = 0;
        int l = _kernel.Interpolation;
        int m = _kernel.Decimation;
        float[] bank = _kernel.Bank;
        while (!input.IsEmpty)
        {
            int take = Math.Min(input.Length, _history.Length - _count);
            input[..take].CopyTo(_history.AsSpan(_count));
            _count += take;
            input = input[take..];

            while (true)
            {
                long newest = _position / l;
                if (newest >= _count)
                {
                    break;
                }

                int phase = (int)(_position - newest * l);
                output[written++] = Dot(
                    ref bank[phase * _taps],
                    ref _history[newest - _taps + 1],
                    _taps);
                _position += m;
            }

            // Drop input that no future output can reach.
            long drop = Math.Min(_position / l - (_taps - 1), _count);
            if (drop > 0)
            {
                int keep = _count - (int)drop;
                _history.AsSpan((int)drop, keep).CopyTo(_history);
                _count = keep;
                _position -= drop * l;
            }
        }

        return written;
    }

    // A fixed summation order (never alignment-dependent) keeps chunked and whole-signal output bit-identical.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static float Dot(ref float a, ref float b, int length)
    {
        int width = Vector<float>.Count;
        var acc0 = Vector<float>.Zero;
        var acc1 = Vector<float>.Zero;
        int i = 0;
        for (; i + 2 * width <= length; i += 2 * width)
        {
            acc0 += Vector.LoadUnsafe(ref a, (nuint)i) * Vector.LoadUnsafe(ref b, (nuint)i);
            acc1 += Vector.LoadUnsafe(ref a, (nuint)(i + width)) * Vector.LoadUnsafe(ref b, (nuint)(i + width));
        }

        for (; i < length; i += width)
        {
            acc0 += Vector.LoadUnsafe(ref a, (nuint)i) * Vector.LoadUnsafe(ref b, (nuint)i);
        }

        return Vector.Sum(acc0 + acc1);
    }

    /// <summary>Converts a whole signal in one go (a convenience for files; streams use <see cref="Process"/>).</summary>
    public static float[] ResampleAll(ReadOnlySpan<float> input, int inputRate, int outputRate)
    {
        if (inputRate == outputRate)
        {
            return input.ToArray();
        }

        var resampler = new Resampler(inputRate, outputRate);

        // Push the filter's delay through with silence so the tail is not cut, then trim the leading delay.
        var flush = new float[(int)Math.Ceiling(resampler.DelayInputSamples) + 1];
        var output = new float[resampler.GetMaxOutputLength(input.Length) + resampler.GetMaxOutputLength(flush.Length)];
        int n = resampler.Process(input, output);
        n += resampler.Process(flush, output.AsSpan(n));

        int lead = (int)Math.Round(resampler.DelayInputSamples * outputRate / inputRate);
        int length = (int)((long)input.Length * outputRate / inputRate);
        length = Math.Min(length, n - lead);
        return output.AsSpan(lead, Math.Max(0, length)).ToArray();
    }
}
