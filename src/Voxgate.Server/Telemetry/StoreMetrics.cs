using System.Diagnostics.Metrics;
using Voxgate.Calls.Records;
using Voxgate.Calls.Recording;
using Voxgate.Calls.Store;

namespace Voxgate.Server.Telemetry;

/// <summary>
/// The store's figures as observable instruments on the <c>Voxgate.Server</c> meter, read when a scrape asks: the
/// recorder's queue (in memory) and what the last heartbeat read of the store (no query per scrape).
/// </summary>
internal sealed class StoreMetrics
{
    private static readonly string[] JobStates = [AnalysisStatus.Pending, AnalysisStatus.Done, AnalysisStatus.Failed];

    public StoreMetrics(IMeterFactory meters, CallRecorder recorder, InstanceHeartbeat heartbeat)
    {
        ArgumentNullException.ThrowIfNull(meters);
        Meter meter = meters.Create(RelayMetrics.MeterName);
        meter.CreateObservableGauge("voxgate.store.queue.depth", () => recorder.QueueDepth, "{note}",
            "Call-record notes waiting for the store's writer.");
        meter.CreateObservableCounter("voxgate.store.audio.dropped", () => recorder.DroppedAudioFrames, "{frame}",
            "Audio frames left out of recordings because the writer was behind.");
        meter.CreateObservableUpDownCounter("voxgate.store.calls.open", () => (long)recorder.OpenCalls, "{call}",
            "Calls this instance is recording now.");
        meter.CreateObservableGauge("voxgate.instances.alive", () => heartbeat.Status?.AliveInstances ?? 0, "{instance}",
            "Instances whose heartbeat the store holds as recent (this one included).");
        meter.CreateObservableGauge("voxgate.analytics.jobs", () => Jobs(heartbeat.Status), "{job}",
            "Post-call scoring jobs in the store, by state (all instances').");
        meter.CreateObservableGauge("voxgate.store.heartbeat.age", () => HeartbeatAge(heartbeat), "s",
            "Seconds since this instance's heartbeat was last written; climbing means the store is not taking writes.");
    }

    private static IEnumerable<Measurement<long>> Jobs(StoreStatus? status)
    {
        if (status is null)
        {
            yield break;
        }

        foreach (string state in JobStates)
        {
            yield return new Measurement<long>(status.AnalysisJobs.GetValueOrDefault(state), new KeyValuePair<string, object?>("state", state));
        }
    }

    private static double HeartbeatAge(InstanceHeartbeat heartbeat)
        => heartbeat.LastBeatMs == 0 ? 0 : (DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() - heartbeat.LastBeatMs) / 1000.0;
}
