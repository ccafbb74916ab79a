using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Diagnosers;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;

namespace Voxgate.Benchmarks;

/// <summary>Every audio benchmark processes one second of audio per operation; this column turns time into × realtime.</summary>
public sealed class RealtimeConfig : ManualConfig
{
    public RealtimeConfig()
    {
        Add(DefaultConfig.Instance);
        AddJob(Job.Default.WithWarmupCount(3).WithIterationCount(10));
        AddDiagnoser(MemoryDiagnoser.Default);
        AddColumn(new TimesRealtimeColumn());
    }

    private sealed class TimesRealtimeColumn : IColumn
    {
        public string Id => nameof(TimesRealtimeColumn);

        public string ColumnName => "× realtime";

        public bool AlwaysShow => true;

        public ColumnCategory Category => ColumnCategory.Custom;

        public int PriorityInCategory => 0;

        public bool IsNumeric => true;

        public UnitType UnitType => UnitType.Dimensionless;

        public string Legend => "Seconds of audio processed per second of one core";

        public string GetValue(Summary summary, BenchmarkCase benchmarkCase)
        {
            var report = summary[benchmarkCase];
            double? ns = report?.ResultStatistics?.Mean;
            return ns is > 0 ? (1e9 / ns.Value).ToString("N0", System.Globalization.CultureInfo.InvariantCulture) : "-";
        }

        public string GetValue(Summary summary, BenchmarkCase benchmarkCase, SummaryStyle style) => GetValue(summary, benchmarkCase);

        public bool IsDefault(Summary summary, BenchmarkCase benchmarkCase) => false;

        public bool IsAvailable(Summary summary) => true;
    }
}
