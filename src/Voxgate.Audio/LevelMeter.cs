using System.Numerics.Tensors;

namespace Voxgate.Audio;

/// <summary>
/// Measures RMS and peak level in dBFS. Full scale is 1.0, so a full-scale square wave reads 0 dBFS RMS and a
/// full-scale sine −3.01 dBFS RMS. Silence reads <see cref="Floor"/>.
/// </summary>
/// <remarks>Use the static <see cref="Measure"/> per frame, or an instance to accumulate over a stream.</remarks>
public sealed class LevelMeter
{
    /// <summary>The level reported for digital silence.</summary>
    public const double Floor = -120;

    private double _sumOfSquares;
    private float _peak;
    private long _count;

    /// <summary>RMS level of everything added since the last reset.</summary>
    public double RmsDbfs => _count == 0 ? Floor : ToDb(Math.Sqrt(_sumOfSquares / _count));

    /// <summary>Peak level of everything added since the last reset.</summary>
    public double PeakDbfs => ToDb(_peak);

    /// <summary>Samples measured since the last reset.</summary>
    public long SampleCount => _count;

    /// <summary>Adds samples to the running measurement. Allocates nothing.</summary>
    public void Add(ReadOnlySpan<float> samples)
    {
        if (samples.IsEmpty)
        {
            return;
        }

        _sumOfSquares += TensorPrimitives.SumOfSquares(samples);
        _peak = Math.Max(_peak, TensorPrimitives.MaxMagnitude(samples) is var m && float.IsNaN(m) ? 0 : Math.Abs(m));
        _count += samples.Length;
    }

    /// <summary>Starts a new measurement.</summary>
    public void Reset()
    {
        _sumOfSquares = 0;
        _peak = 0;
        _count = 0;
    }

    /// <summary>RMS and peak level of one block of samples.</summary>
    public static AudioLevel Measure(ReadOnlySpan<float> samples)
    {
        if (samples.IsEmpty)
        {
            return new AudioLevel(Floor, Floor);
        }

        double rms = Math.Sqrt(TensorPrimitives.SumOfSquares(samples) / samples.Length);
        float peak = Math.Abs(TensorPrimitives.MaxMagnitude(samples));
        return new AudioLevel(ToDb(rms), ToDb(peak));
    }

    /// <summary>Converts a linear amplitude (1.0 = full scale) to dBFS, floored at <see cref="Floor"/>.</summary>
    public static double ToDb(double amplitude)
        => amplitude > 1e-6 ? Math.Max(Floor, 20 * Math.Log10(amplitude)) : Floor;
}
