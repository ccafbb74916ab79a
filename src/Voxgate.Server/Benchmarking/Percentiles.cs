namespace Voxgate.Server.Benchmarking;

/// <summary>p50, p95, p99 and the maximum of a sample, by nearest rank.</summary>
internal readonly record struct Percentiles(int Count, double P50, double P95, double P99, double Max)
{
    public static Percentiles Of(IEnumerable<double> values)
    {
        double[] sorted = [.. values.Order()];
        return sorted.Length == 0
            ? new Percentiles(0, double.NaN, double.NaN, double.NaN, double.NaN)
            : new Percentiles(sorted.Length, Rank(sorted, 0.50), Rank(sorted, 0.95), Rank(sorted, 0.99), sorted[^1]);
    }

    private static double Rank(double[] sorted, double p) => sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Length) - 1, 0, sorted.Length - 1)];
}
