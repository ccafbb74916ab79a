using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace Voxgate.Realtime.Server;

/// <summary>
/// <c>/v1/realtime</c>'s instruments (meter <c>Voxgate.Realtime</c>) and session spans (activity source of the same name),
/// for whatever host subscribes to them. Instrument names and tags match the Voxgate host's relay metrics, so one family
/// (<c>voxgate.sessions.open</c>, <c>voxgate.frames</c>, …) covers every endpoint.
/// </summary>
public sealed class RealtimeApiTelemetry
{
    /// <summary>The meter's and the activity source's name.</summary>
    public const string Name = "Voxgate.Realtime";

    internal const string Endpoint = "/v1/realtime";

    internal static readonly ActivitySource Source = new(Name);

    /// <summary>Creates the instruments on a meter from <paramref name="meters"/> (the host's, so two hosts never share counts).</summary>
    public RealtimeApiTelemetry(IMeterFactory meters)
    {
        ArgumentNullException.ThrowIfNull(meters);
        Meter meter = meters.Create(Name);
        OpenSessions = meter.CreateUpDownCounter<long>("voxgate.sessions.open", "{session}", "Sessions open now.");
        Closed = meter.CreateCounter<long>("voxgate.sessions.closed", "{session}", "Sessions ended, by close code and reason.");
        Frames = meter.CreateCounter<long>("voxgate.frames", "{frame}", "Frames relayed: in from the caller, out to the caller.");
        Bytes = meter.CreateCounter<long>("voxgate.bytes", "By", "Bytes relayed: in from the caller, out to the caller.");
        UpstreamErrors = meter.CreateCounter<long>("voxgate.upstream.errors", "{error}", "Errors from the upstream, by code.");
    }

    /// <summary>The upstream's name on every measurement (its <c>upstream</c> tag); the host names it.</summary>
    public string UpstreamName { get; init; } = "unknown";

    internal UpDownCounter<long> OpenSessions { get; }

    internal Counter<long> Closed { get; }

    internal Counter<long> Frames { get; }

    internal Counter<long> Bytes { get; }

    internal Counter<long> UpstreamErrors { get; }
}
