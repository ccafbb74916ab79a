namespace Voxgate.Audio.Tests;

/// <summary>Least-squares fit of one sinusoid (plus DC) at a known frequency, for gain and SNR measurements.</summary>
internal readonly record struct SineFit(double Amplitude, double ResidualRms)
{
    public double SignalToResidualDb => 20 * Math.Log10(Amplitude / Math.Sqrt(2) / Math.Max(ResidualRms, 1e-15));

    public static SineFit Of(ReadOnlySpan<float> x, double frequency, int sampleRate)
    {
        // Normal equations for x ≈ a·cos + b·sin + c, solved exactly in double precision.
        double w = 2 * Math.PI * frequency / sampleRate;
        double scc = 0, sss = 0, scs = 0, sc = 0, ss = 0, n = x.Length, xc = 0, xs = 0, x1 = 0;
        for (int i = 0; i < x.Length; i++)
        {
            double c = Math.Cos(w * i), s = Math.Sin(w * i);
            scc += c * c; sss += s * s; scs += c * s; sc += c; ss += s;
            xc += x[i] * c; xs += x[i] * s; x1 += x[i];
        }

        double[,] m = { { scc, scs, sc }, { scs, sss, ss }, { sc, ss, n } };
        double[] r = { xc, xs, x1 };
        double[] p = Solve(m, r);
        double residual = 0;
        for (int i = 0; i < x.Length; i++)
        {
            double e = x[i] - (p[0] * Math.Cos(w * i) + p[1] * Math.Sin(w * i) + p[2]);
            residual += e * e;
        }

        return new SineFit(Math.Sqrt(p[0] * p[0] + p[1] * p[1]), Math.Sqrt(residual / x.Length));
    }

    public static double Rms(ReadOnlySpan<float> x)
    {
        double sum = 0;
        foreach (float v in x)
        {
            sum += (double)v * v;
        }

        return Math.Sqrt(sum / Math.Max(1, x.Length));
    }

    public static float[] Tone(double frequency, int sampleRate, int length, double amplitude = 0.5)
    {
        var x = new float[length];
        for (int i = 0; i < length; i++)
        {
            x[i] = (float)(amplitude * Math.Sin(2 * Math.PI * frequency * i / sampleRate));
        }

        return x;
    }

    private static double[] Solve(double[,] a, double[] b)
    {
        int n = b.Length;
        for (int col = 0; col < n; col++)
        {
            int pivot = col;
            for (int row = col + 1; row < n; row++)
            {
                if (Math.Abs(a[row, col]) > Math.Abs(a[pivot, col]))
                {
                    pivot = row;
                }
            }

            for (int k = 0; k < n; k++)
            {
                (a[col, k], a[pivot, k]) = (a[pivot, k], a[col, k]);
            }

            (b[col], b[pivot]) = (b[pivot], b[col]);
            for (int row = col + 1; row < n; row++)
            {
                double f = a[row, col] / a[col, col];
                for (int k = col; k < n; k++)
                {
                    a[row, k] -= f * a[col, k];
                }

                b[row] -= f * b[col];
            }
        }

        var x = new double[n];
        for (int row = n - 1; row >= 0; row--)
        {
            double sum = b[row];
            for (int k = row + 1; k < n; k++)
            {
                sum -= a[row, k] * x[k];
            }

            x[row] = sum / a[row, row];
        }

        return x;
    }
}
