using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace Voxgate.Server.Telemetry;

/// <summary>
/// The relay's instruments (meter <c>Voxgate.Server</c>) and traces (activity source <c>Voxgate.Server</c>). A transport's
/// endpoint takes one <see cref="CallTelemetry"/> per call from <see cref="Begin"/>; the relay reports into it.
/// </summary>
/// <remarks>
/// Names and tags are shared with <c>Voxgate.Realtime</c>'s meter for <c>/v1/realtime</c>, so each family covers every
/// endpoint (docs/deployment.md lists them). The meter comes from the host's <see cref="IMeterFactory"/>, so two hosts in
/// one process (tests) do not count each other's calls.
/// </remarks>
internal sealed class RelayMetrics
{
    public const string MeterName = "Voxgate.Server";

    /// <summary>One span per call and one per turn. Activity sources have no DI scope; listeners tell calls apart by id.</summary>
    public static readonly ActivitySource Source = new(MeterName);

    // Reply latency on a phone line: tens of ms is the engine, seconds is a cloud model having a bad minute.
    private static readonly double[] TurnBuckets = [50, 100, 150, 200, 300, 400, 500, 750, 1000, 1500, 2000, 3000, 5000, 10000];

    // The relay's own share of a frame's trip: well under a millisecond when the box keeps up.
    private static readonly double[] RelayBuckets = [0.05, 0.1, 0.25, 0.5, 1, 2, 5, 10, 20, 50, 100, 250];

    public RelayMetrics(IMeterFactory meters)
    {
        ArgumentNullException.ThrowIfNull(meters);
        Meter meter = meters.Create(MeterName);
        OpenSessions = meter.CreateUpDownCounter<long>("voxgate.sessions.open", "{session}", "Sessions open now.");
        Closed = meter.CreateCounter<long>("voxgate.sessions.closed", "{session}", "Sessions ended, by close code and reason.");
        Frames = meter.CreateCounter<long>("voxgate.frames", "{frame}", "Frames relayed: in from the caller, out to the caller.");
        Bytes = meter.CreateCounter<long>("voxgate.bytes", "By", "Bytes relayed: in from the caller, out to the caller.");
        UpstreamErrors = meter.CreateCounter<long>("voxgate.upstream.errors", "{error}", "Errors from the upstream, by code.");
        BargeIns = meter.CreateCounter<long>("voxgate.bargeins", "{bargein}", "Replies the caller talked over (cut where they were heard).");
        RelayLatency = meter.CreateHistogram("voxgate.relay.latency", "ms", "Time the relay holds a frame (sampled: one frame a second per call and direction).",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = RelayBuckets });
        TurnLatency = meter.CreateHistogram("voxgate.turn.latency", "ms", "End of the caller's speech to the reply's first audio: sent, and heard.",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = TurnBuckets });
    }

    public UpDownCounter<long> OpenSessions { get; }

    public Counter<long> Closed { get; }

    public Counter<long> Frames { get; }

    public Counter<long> Bytes { get; }

    public Counter<long> UpstreamErrors { get; }

    public Counter<long> BargeIns { get; }

    public Histogram<double> RelayLatency { get; }

    public Histogram<double> TurnLatency { get; }

    /// <summary>A call refused at the door (1013, at capacity): counted closed, never open.</summary>
    public void AtCapacity(string endpoint, string transport, string upstream)
        => Closed.Add(1, new TagList
        {
            { "endpoint", endpoint }, { "transport", transport }, { "upstream", upstream }, { "close_code", "1013" }, { "reason", "at_capacity" },
        });

    /// <summary>The telemetry of one call on <paramref name="endpoint"/> (<c>/ws</c>, a phone line's path).</summary>
    public CallTelemetry Begin(string endpoint, string transport, string upstream, string callId) => new(this, endpoint, transport, upstream, callId);
}
