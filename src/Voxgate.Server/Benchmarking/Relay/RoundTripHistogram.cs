namespace Voxgate.Server.Benchmarking.Relay;

/// <summary>Round trips in 10 µs buckets up to 2 s, filled lock-free by every client's reader; nothing allocated per sample.</summary>
internal sealed class RoundTripHistogram
{
    private const double BucketMs = 0.01;
    private readonly long[] _buckets = new long[200_000];
    private long _count;
    private long _overflow;

    public long Count => Interlocked.Read(ref _count);

    public void Add(double milliseconds)
    {
        long bucket = (long)(milliseconds / BucketMs);
        if (bucket >= _buckets.Length)
        {
            Interlocked.Increment(ref _overflow);
        }
        else
        {
            Interlocked.Increment(ref _buckets[Math.Max(0, bucket)]);
        }

        Interlocked.Increment(ref _count);
    }

    /// <summary>The value at quantile <paramref name="q"/> (0–1), in milliseconds; samples past 2 s count as 2 s.</summary>
    public double Quantile(double q)
    {
        long total = Count;
        if (total == 0)
        {
            return double.NaN;
        }

        long rank = Math.Max(1, (long)Math.Ceiling(q * total));
        long seen = 0;
        for (int i = 0; i < _buckets.Length; i++)
        {
            seen += Interlocked.Read(ref _buckets[i]);
            if (seen >= rank)
            {
                return (i + 1) * BucketMs;
            }
        }

        return _buckets.Length * BucketMs;
    }

    public double Max()
    {
        if (Interlocked.Read(ref _overflow) > 0)
        {
            return _buckets.Length * BucketMs;
        }

        for (int i = _buckets.Length - 1; i >= 0; i--)
        {
            if (Interlocked.Read(ref _buckets[i]) > 0)
            {
                return (i + 1) * BucketMs;
            }
        }

        return double.NaN;
    }
}
