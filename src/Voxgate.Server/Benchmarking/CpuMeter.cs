using System.Diagnostics;
using System.Globalization;

namespace Voxgate.Server.Benchmarking;

/// <summary>CPU used by this process and by the whole machine (from /proc/stat) between two readings.</summary>
internal sealed class CpuMeter
{
    private readonly long _started = Stopwatch.GetTimestamp();
    private readonly TimeSpan _processStart = Process.GetCurrentProcess().TotalProcessorTime;
    private readonly (long Busy, long Total) _machineStart = ReadMachine();

    /// <summary>Cores this process used on average since the meter was made.</summary>
    public double ProcessCores()
        => (Process.GetCurrentProcess().TotalProcessorTime - _processStart).TotalSeconds / Stopwatch.GetElapsedTime(_started).TotalSeconds;

    /// <summary>Cores the whole machine (every process) used on average, or NaN where /proc/stat is missing.</summary>
    public double MachineCores()
    {
        (long busy, long total) = ReadMachine();
        long totalDelta = total - _machineStart.Total;
        return totalDelta <= 0 ? double.NaN : (double)(busy - _machineStart.Busy) / totalDelta * Environment.ProcessorCount;
    }

    private static (long Busy, long Total) ReadMachine()
    {
        try
        {
            // "cpu  user nice system idle iowait irq softirq steal ..." in clock ticks.
            string[] fields = File.ReadLines("/proc/stat").First().Split(' ', StringSplitOptions.RemoveEmptyEntries);
            long[] ticks = [.. fields.Skip(1).Take(8).Select(f => long.Parse(f, CultureInfo.InvariantCulture))];
            long idle = ticks[3] + ticks[4];
            long total = ticks.Sum();
            return (total - idle, total);
        }
        catch (IOException)
        {
            return (0, 0);
        }
    }
}
