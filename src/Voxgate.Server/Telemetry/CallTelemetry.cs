using System.Diagnostics;
using Voxgate.Server.Relay;

namespace Voxgate.Server.Telemetry;

/// <summary>
/// One call's metrics and trace, reported by the relay in one-line calls. Frames and bytes are summed here and handed
/// to the counters with the sampled frame (once a second) and at the call's end: a counter's add looks its tag list
/// up, and at four adds a frame pair that lookup was the relay's busiest user-code function (perf,
/// docs/benchmarks.md). The per-frame path allocates nothing; the caller pump alone calls the <c>Caller…</c> methods,
/// the call loop alone the rest, and the sums they share with <see cref="Ended"/> are interlocked.
/// </summary>
internal sealed class CallTelemetry
{
    /// <summary>A call nobody measures (a relay built without metrics, in tests and benchmarks).</summary>
    public static readonly CallTelemetry None = new();

    // One frame a second at 20 ms frames: histograms take a short lock per record, counters none.
    private const int SampleEvery = 50;

    private readonly RelayMetrics? _metrics;
    private readonly string _callId = string.Empty;
    private readonly TagList _session;
    private readonly TagList _in;
    private readonly TagList _out;
    private readonly TagList _sent;
    private readonly TagList _heard;
    private Activity? _call;
    private Activity? _turn;
    private int _callerFrames;
    private int _agentFrames;
    private long _unpublishedInFrames;
    private long _unpublishedInBytes;
    private long _unpublishedOutFrames;
    private long _unpublishedOutBytes;

    // The turn being answered: when the caller stopped, the reply's first audio item, and what was reported of it.
    private long _turnEndedAt;
    private long _answeringTurnEndedAt;
    private string? _answeringItem;
    private double? _sentMs;
    private bool _heardRecorded;

    private CallTelemetry()
    {
    }

    internal CallTelemetry(RelayMetrics metrics, string endpoint, string transport, string upstream, string callId)
    {
        _metrics = metrics;
        _callId = callId;
        _session = new TagList { { "endpoint", endpoint }, { "transport", transport }, { "upstream", upstream } };
        _in = _session;
        _in.Add("direction", "in");
        _out = _session;
        _out.Add("direction", "out");
        _sent = new TagList { { "transport", transport }, { "upstream", upstream }, { "stage", "sent" } };
        _heard = new TagList { { "transport", transport }, { "upstream", upstream }, { "stage", "heard" } };
    }

    /// <summary>The call began: it counts as open, and its span (a child of the request's) is current for what it starts.</summary>
    public void Started()
    {
        if (_metrics is null)
        {
            return;
        }

        _metrics.OpenSessions.Add(1, in _session);
        _call = RelayMetrics.Source.StartActivity("voxgate.call");
        if (_call is { IsAllDataRequested: true })
        {
            _call.SetTag("voxgate.call.id", _callId);
            foreach (KeyValuePair<string, object?> tag in _session)
            {
                _call.SetTag("voxgate." + tag.Key, tag.Value);
            }
        }
    }

    /// <summary>A caller frame arrived; returns a start time when this frame is the one sampled for the relay latency, else 0.</summary>
    public long CallerAudio(int bytes)
    {
        if (_metrics is null)
        {
            return 0;
        }

        Interlocked.Increment(ref _unpublishedInFrames);
        Interlocked.Add(ref _unpublishedInBytes, bytes);
        if (++_callerFrames % SampleEvery != 1)
        {
            return 0;
        }

        Publish(ref _unpublishedInFrames, ref _unpublishedInBytes, in _in);
        return Stopwatch.GetTimestamp();
    }

    /// <summary>The caller frame <see cref="CallerAudio"/> sampled is with the upstream.</summary>
    public void CallerAudioRelayed(long sampledAt)
    {
        if (sampledAt != 0)
        {
            _metrics!.RelayLatency.Record(Stopwatch.GetElapsedTime(sampledAt).TotalMilliseconds, in _in);
        }
    }

    /// <summary>Reply audio is about to go to the caller; the first of a reply answering a turn gives its sent latency.</summary>
    public long AgentAudio(string itemId, int bytes)
    {
        if (_metrics is null)
        {
            return 0;
        }

        Interlocked.Increment(ref _unpublishedOutFrames);
        Interlocked.Add(ref _unpublishedOutBytes, bytes);
        if (_answeringTurnEndedAt != 0 && _answeringItem is null)
        {
            _answeringItem = itemId;
            _sentMs = Stopwatch.GetElapsedTime(_answeringTurnEndedAt).TotalMilliseconds;
            _metrics.TurnLatency.Record(_sentMs.Value, in _sent);
            _turn?.SetTag("voxgate.latency.sent_ms", Math.Round(_sentMs.Value));
        }

        if (++_agentFrames % SampleEvery != 1)
        {
            return 0;
        }

        Publish(ref _unpublishedOutFrames, ref _unpublishedOutBytes, in _out);
        return Stopwatch.GetTimestamp();
    }

    /// <summary>The reply frame <see cref="AgentAudio"/> sampled is queued for the caller.</summary>
    public void AgentAudioRelayed(long sampledAt)
    {
        if (sampledAt != 0)
        {
            _metrics!.RelayLatency.Record(Stopwatch.GetElapsedTime(sampledAt).TotalMilliseconds, in _out);
        }
    }

    /// <summary>The caller's turn ended (speech stopped, or a typed message): latency counts from here, and a turn span starts.</summary>
    public void TurnEnded()
    {
        if (_metrics is null)
        {
            return;
        }

        _turnEndedAt = Stopwatch.GetTimestamp();
        EndTurnSpan(null);
        if (_call is not null)
        {
            // Started as a child of the call, without becoming current: the loop that calls this runs every call event.
            Activity? previous = Activity.Current;
            _turn = RelayMetrics.Source.StartActivity("voxgate.turn", ActivityKind.Internal, _call.Context);
            Activity.Current = previous;
        }
    }

    /// <summary>
    /// A reply was created: it answers the turn that ended last, or, when the turn's reply so far only called tools, it
    /// goes on answering that turn (latency counts to the first audio the caller gets).
    /// </summary>
    public void ResponseCreated()
    {
        if (_turnEndedAt != 0)
        {
            _answeringTurnEndedAt = _turnEndedAt;
            _turnEndedAt = 0;
            _answeringItem = null;
            _sentMs = null;
            _heardRecorded = false;
        }
        else if (_answeringItem is not null)
        {
            // A reply nobody asked for answers no turn.
            _answeringTurnEndedAt = 0;
        }
    }

    /// <summary>The caller's playback report: the first for the answering item tells when the reply began to be heard.</summary>
    public void Played(string? itemId, long playedMs)
    {
        if (_metrics is null || _heardRecorded || playedMs <= 0 || itemId is null || itemId != _answeringItem)
        {
            return;
        }

        _heardRecorded = true;

        // Heard from: now, less what has played since; never before it was sent.
        double heard = Stopwatch.GetElapsedTime(_answeringTurnEndedAt).TotalMilliseconds - playedMs;
        heard = Math.Max(heard, _sentMs ?? 0);
        _metrics.TurnLatency.Record(heard, in _heard);
        _turn?.SetTag("voxgate.latency.heard_ms", Math.Round(heard));
    }

    /// <summary>The reply ended (<c>completed</c>, <c>cancelled</c>…): its turn span ends with it, unless it only called tools.</summary>
    public void ResponseDone(string? status)
    {
        if (_answeringItem is not null || _answeringTurnEndedAt == 0 || status != "completed")
        {
            EndTurnSpan(status);
        }
    }

    /// <summary>The caller talked over the reply and it was cut.</summary>
    public void BargeIn()
    {
        _metrics?.BargeIns.Add(1, in _session);
        _turn?.SetTag("voxgate.interrupted", true);
    }

    /// <summary>The upstream reported an error (or failed, with the call's end reason as the code).</summary>
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

    /// <summary>The call ended (<paramref name="reason"/> is how the record names it) with the wire's close code: no longer open, its span ends.</summary>
    public void Ended(CallEnd end, string reason, int? closeCode)
    {
        if (_metrics is null)
        {
            return;
        }

        // An upstream that failed, could not be had, or hung up is an upstream error whatever it said.
        if (end is CallEnd.UpstreamFailed or CallEnd.UpstreamUnavailable or CallEnd.UpstreamClosed)
        {
            UpstreamError(reason);
        }

        Publish(ref _unpublishedInFrames, ref _unpublishedInBytes, in _in);
        Publish(ref _unpublishedOutFrames, ref _unpublishedOutBytes, in _out);
        _metrics.OpenSessions.Add(-1, in _session);
        TagList tags = _session;
        tags.Add("close_code", closeCode is int code ? CloseCodes.Name(code) : "none");
        tags.Add("reason", reason);
        _metrics.Closed.Add(1, in tags);
        EndTurnSpan(null);
        if (_call is not null)
        {
            _call.SetTag("voxgate.end_reason", reason);
            _call.SetTag("voxgate.close_code", closeCode);
            _call.Stop();
        }
    }

    private void Publish(ref long frames, ref long bytes, in TagList direction)
    {
        long framesNow = Interlocked.Exchange(ref frames, 0);
        long bytesNow = Interlocked.Exchange(ref bytes, 0);
        if (framesNow > 0)
        {
            _metrics!.Frames.Add(framesNow, in direction);
            _metrics.Bytes.Add(bytesNow, in direction);
        }
    }

    private void EndTurnSpan(string? status)
    {
        if (_turn is null)
        {
            return;
        }

        if (status is not null)
        {
            _turn.SetTag("voxgate.response.status", status);
        }

        _turn.Stop();
        _turn = null;
    }
}
