using System.Diagnostics;

namespace Voxgate.Realtime.Server;

/// <summary>
/// One <c>/v1/realtime</c> connection's counts and span. Tag lists are built once per connection, so counting a frame
/// is a lock-free add that allocates nothing.
/// </summary>
internal sealed class RealtimeSessionTelemetry
{
    /// <summary>A connection nobody measures.</summary>
    public static readonly RealtimeSessionTelemetry None = new(null, string.Empty, string.Empty);

    private readonly RealtimeApiTelemetry? _metrics;
    private readonly TagList _session;
    private readonly TagList _in;
    private readonly TagList _out;
    private Activity? _span;
    private bool _open;

    public RealtimeSessionTelemetry(RealtimeApiTelemetry? metrics, string dialect, string upstream)
    {
        _metrics = metrics;
        _session = new TagList { { "endpoint", RealtimeApiTelemetry.Endpoint }, { "transport", "realtime-" + dialect }, { "upstream", upstream } };
        _in = _session;
        _in.Add("direction", "in");
        _out = _session;
        _out.Add("direction", "out");
    }

    /// <summary>The WebSocket was accepted: the session is open, its span current for what it starts.</summary>
    public void Opened(string connectionId)
    {
        if (_metrics is null)
        {
            return;
        }

        _open = true;
        _metrics.OpenSessions.Add(1, in _session);
        _span = RealtimeApiTelemetry.Source.StartActivity("voxgate.realtime.session");
        _span?.SetTag("voxgate.connection.id", connectionId);
    }

    public void Received(long bytes)
    {
        _metrics?.Frames.Add(1, in _in);
        _metrics?.Bytes.Add(bytes, in _in);
    }

    public void Sent(int bytes)
    {
        _metrics?.Frames.Add(1, in _out);
        _metrics?.Bytes.Add(bytes, in _out);
    }

    public void UpstreamError(string code)
    {
        if (_metrics is null)
        {
            return;
        }

        TagList tags = _session;
        tags.Add("code", code.Length <= 64 ? code : code[..64]);
        _metrics.UpstreamErrors.Add(1, in tags);
    }

    /// <summary>The connection closed with <paramref name="closeCode"/> (null when it dropped) for <paramref name="end"/>.</summary>
    public void Closed(RelayEnd end, int? closeCode)
    {
        if (_metrics is null || !_open)
        {
            return;
        }

        _open = false;
        _metrics.OpenSessions.Add(-1, in _session);
        TagList tags = _session;
        tags.Add("close_code", closeCode?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "none");
        tags.Add("reason", Reason(end));
        _metrics.Closed.Add(1, in tags);
        if (_span is not null)
        {
            _span.SetTag("voxgate.end_reason", Reason(end));
            _span.SetTag("voxgate.close_code", closeCode);
            _span.Stop();
        }
    }

    private static string Reason(RelayEnd end) => end switch
    {
        RelayEnd.ClientClosed => "client_closed",
        RelayEnd.Aborted => "aborted",
        RelayEnd.MessageTooBig => "frame_too_large",
        RelayEnd.UpstreamEnded => "upstream_closed",
        RelayEnd.UpstreamFailed => "upstream_error",
        RelayEnd.Expired => "session_expired",
        _ => "unknown",
    };
}
