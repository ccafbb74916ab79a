using System.Collections.Concurrent;

namespace Voxgate.Audio;

/// <summary>
/// The immutable polyphase filter bank for one rate pair, shared by every <see cref="Resampler"/> of that pair.
/// </summary>
/// <remarks>
/// A Kaiser-windowed sinc low-pass at the upsampled rate L·fin: pass band to 0.45 of the lower rate, stop band
/// from 0.5 of the lower rate with 80 dB attenuation, so nothing folds into or images onto the audible band.
/// Each phase is stored reversed and zero-padded to a multiple of the vector width, so one output sample is a
/// single contiguous dot product.
/// </remarks>
internal sealed class ResamplerKernel
{
    private const double StopbandAttenuationDb = 80;
    private const double PassbandEdge = 0.45;
    private const double StopbandEdge = 0.5;
    private const int MaxPhases = 4096;

    private static readonly ConcurrentDictionary<(int, int), ResamplerKernel> Cache = new();

    private ResamplerKernel(int inputRate, int outputRate)
    {
        int gcd = Gcd(inputRate, outputRate);
        Interpolation = outputRate / gcd;
        Decimation = inputRate / gcd;
        if (Interpolation > MaxPhases)
        {
            throw new ArgumentOutOfRangeException(nameof(outputRate), $"The ratio {outputRate}/{inputRate} needs {Interpolation} filter phases; at most {MaxPhases} are supported.");
        }

        double upRate = (double)inputRate * Interpolation;
        double lower = Math.Min(inputRate, outputRate);
        double transition = (StopbandEdge - PassbandEdge) * lower / upRate;   // cycles per upsampled sample
        double cutoff = (PassbandEdge + StopbandEdge) / 2 * lower / upRate;
        double beta = 0.1102 * (StopbandAttenuationDb - 8.7);
        int n = (int)Math.Ceiling((StopbandAttenuationDb - 7.95) / (2.285 * 2 * Math.PI * transition)) + 1;

        int taps = (n + Interpolation - 1) / Interpolation;
        int vector = System.Numerics.Vector<float>.Count;
        TapsPerPhase = (taps + vector - 1) / vector * vector;
        int length = taps * Interpolation;
        double center = (length - 1) / 2.0;
        DelayInputSamples = center / Interpolation;

        var prototype = new double[length];
        double i0Beta = BesselI0(beta);
        for (int i = 0; i < length; i++)
        {
            double t = i - center;
            double x = 2 * cutoff * t;
            double sinc = t == 0 ? 1 : Math.Sin(Math.PI * x) / (Math.PI * x);
            double r = t / center;
            double window = BesselI0(beta * Math.Sqrt(Math.Max(0, 1 - r * r))) / i0Beta;
            prototype[i] = 2 * cutoff * sinc * window;
        }

        // Phase p uses prototype[p + k·L] against x[j - k]; store reversed for a forward dot product, and scale
        // each phase to unit DC gain so a constant input comes out constant whatever the phase.
        Bank = new float[Interpolation * TapsPerPhase];
        for (int p = 0; p < Interpolation; p++)
        {
            double sum = 0;
            for (int k = 0; k < taps; k++)
            {
                sum += prototype[p + k * Interpolation];
            }

            for (int k = 0; k < taps; k++)
            {
                Bank[p * TapsPerPhase + TapsPerPhase - 1 - k] = (float)(prototype[p + k * Interpolation] / sum);
            }
        }
    }

    /// <summary>L: the output rate over the common divisor.</summary>
    public int Interpolation { get; }

    /// <summary>M: the input rate over the common divisor.</summary>
    public int Decimation { get; }

    /// <summary>Taps per phase, a multiple of the vector width (leading taps are zero padding).</summary>
    public int TapsPerPhase { get; }

    /// <summary>Group delay of the filter, in input samples.</summary>
    public double DelayInputSamples { get; }

    /// <summary>All phases back to back, each reversed.</summary>
    public float[] Bank { get; }

    public static ResamplerKernel For(int inputRate, int outputRate)
        => Cache.GetOrAdd((inputRate, outputRate), static key => new ResamplerKernel(key.Item1, key.Item2));

    private static int Gcd(int a, int b)
    {
        while (b != 0)
        {
            (a, b) = (b, a % b);
        }

        return a;
    }

    private static double BesselI0(double x)
    {
        double sum = 1, term = 1, half = x / 2;
        for (int k = 1; k < 64; k++)
        {
            term *= half / k * (half / k);
            sum += term;
            if (term < sum * 1e-17)
            {
                break;
            }
        }

        return sum;
    }
}
