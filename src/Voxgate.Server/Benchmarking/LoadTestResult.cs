using System.Diagnostics;
using System.Globalization;

namespace Voxgate.Server.Benchmarking;

/// <summary>What one load-test run measured.</summary>
internal sealed record LoadTestResult(
    LoadTestSettings Settings,
    int Turns,
    int Answered,
    int Recognised,
    Percentiles ResponseLatencyMs,
    Percentiles VadDelayMs,
    Percentiles RecognitionMs,
    Percentiles ReplyStartMs,
    Percentiles FeederLatenessMs,
    int Underruns,
    double UnderrunMs,
    double ProcessCores,
    double MachineCores,
    double WorkingSetMbPerSession,
    double GcHeapMbPerSession,
    double EngineWorkingSetMb,
    IReadOnlyList<CallerTurn> Trace)
{
    public const double LatencyTargetMs = 150;

    // A frame sent more than one frame late means the feeder, and so the sessions, fell behind real time.
    public const double LatenessLimitMs = SimulatedCaller.FrameMs;

    /// <summary>Every turn answered, p95 latency on target, the feeder on time and playback never ran dry.</summary>
    public bool Holds => Turns > 0 && Answered == Turns && ResponseLatencyMs.P95 <= LatencyTargetMs
        && FeederLatenessMs.P99 <= LatenessLimitMs && Underruns == 0;

    public static string Header =>
        "| sessions | recognisers | turns answered | response latency p50 / p95 / max (ms) | VAD stop p50 | recognition p50 / p95 | reply start p50 / p95 | feeder late p99 / max (ms) | playback underruns | CPU (this process / machine, cores) | working set / GC heap per session (MB) | holds |\n"
        + "|---|---|---|---|---|---|---|---|---|---|---|---|";

    /// <summary>One line per turn, in the order they were spoken: what was heard and where its time went, in ms.</summary>
    public IEnumerable<string> TraceLines()
    {
        double silence = Settings.SilenceDurationMs;
        static string Ms(long from, long to, double less = 0)
            => from == 0 || to == 0 ? "-" : (Stopwatch.GetElapsedTime(from, to).TotalMilliseconds - less).ToString("F0", CultureInfo.InvariantCulture);
        foreach (CallerTurn t in Trace.OrderBy(t => t.LastVoicedSentAt))
        {
            yield return string.Create(CultureInfo.InvariantCulture,
                $"  caller {t.Caller} \"{LoadTestSettings.Prompts[t.Prompt]}\" heard \"{t.Transcript}\": after the window {Ms(t.LastVoicedSentAt, t.FirstAudioAt, silence)}, VAD stop {Ms(t.LastVoicedSentAt, t.SpeechStoppedAt, silence)}, recognition {Ms(t.SpeechStoppedAt, t.TranscribedAt)}, reply start {Ms(t.TranscribedAt, t.FirstAudioAt)}");
        }
    }

    public string ToMarkdownRow() => string.Create(CultureInfo.InvariantCulture,
        $"| {Settings.Sessions} | {Settings.RecognizerPoolSize} | {Answered}/{Turns} | {ResponseLatencyMs.P50:F0} / {ResponseLatencyMs.P95:F0} / {ResponseLatencyMs.Max:F0} | {VadDelayMs.P50:F0} | {RecognitionMs.P50:F0} / {RecognitionMs.P95:F0} | {ReplyStartMs.P50:F0} / {ReplyStartMs.P95:F0} | {FeederLatenessMs.P99:F1} / {FeederLatenessMs.Max:F1} | {Underruns} ({UnderrunMs:F0} ms) | {ProcessCores:F2} / {MachineCores:F2} | {WorkingSetMbPerSession:F1} / {GcHeapMbPerSession:F2} | {(Holds ? "yes" : "no")} |");
}
