using System.Buffers;
using Voxgate.Calls.Records;

namespace Voxgate.Calls.Recording;

/// <summary>
/// One call's recording: keeps the state of its turns, stamps events on the call's clock and hands finished turns
/// and audio to the <see cref="CallRecorder"/>'s writer. Thread-safe behind one uncontended lock, so a relay needs none.
/// </summary>
internal sealed class CallRecording : ICallRecording
{
    private const int TrackRate = 24000;
    private const int SamplesPerMs = TrackRate / 1000;

    // Caller audio arrives in real time; a frame later than this behind the track means the caller's audio paused
    // (a muted page), so silence is put in to keep the caller on the call's clock. Smaller gaps are network jitter.
    private const long CallerGapSamples = 120 * SamplesPerMs;

    private readonly CallRecorder _recorder;
    private readonly TimeProvider _time;
    private readonly long _startedTimestamp;
    private readonly bool _recordAudio;
    private readonly Lock _lock = new();
    private readonly Queue<CallerTurn> _awaitingTranscript = new();
    private readonly Dictionary<string, AgentTurn> _agentTurns = new(StringComparer.Ordinal);
    private readonly List<AgentTurn> _agentOrder = [];
    private readonly Dictionary<string, ToolState> _tools = new(StringComparer.Ordinal);
    private CallerTurn? _speaking;
    private LatencyAnchor? _anchor;
    private int _nextSeq = 1;
    private int _nextToolSeq = 1;
    private int _nextErrorSeq = 1;
    private long _callerSamples;
    private long _agentEndMs;
    private long _inputTokens;
    private long _outputTokens;
    private bool _ended;

    public CallRecording(CallRecorder recorder, string callId, string? callerPhone, bool recordAudio, TimeProvider time)
    {
        _recorder = recorder;
        _time = time;
        _startedTimestamp = time.GetTimestamp();
        _recordAudio = recordAudio;
        CallId = callId;
        Context = new CallContext(callId, callerPhone, this);
    }

    public string CallId { get; }

    public CallContext Context { get; }

    public long ElapsedMs => (long)_time.GetElapsedTime(_startedTimestamp).TotalMilliseconds;

    public void CallerAudio(ReadOnlySpan<byte> pcm16, int sampleRate = TrackRate)
    {
        if (!_recordAudio || pcm16.Length < 2 || sampleRate is < 4000 or > 192_000)
        {
            return;
        }

        long gap;
        lock (_lock)
        {
            if (_ended)
            {
                return;
            }

            long frameSamples = (long)(pcm16.Length / 2) * TrackRate / sampleRate;
            long expectedStart = (ElapsedMs * SamplesPerMs) - frameSamples;
            gap = expectedStart - _callerSamples > CallerGapSamples ? expectedStart - _callerSamples : 0;
            _callerSamples += gap + frameSamples;
        }

        EnqueueAudio(RecorderCommandKind.CallerAudio, pcm16, sampleRate, gap, null);
    }

    public void CallerSpeechStarted()
    {
        List<TurnRecord> flush;
        lock (_lock)
        {
            if (_ended)
            {
                return;
            }

            _speaking ??= new CallerTurn(_nextSeq++, ElapsedMs);

            // The agent's turns are done with once the caller talks again: write what changed.
            flush = DirtyAgentTurns();
        }

        foreach (TurnRecord turn in flush)
        {
            _recorder.Enqueue(new RecorderCommand(RecorderCommandKind.Turn, CallId, Payload: turn));
        }
    }

    public void CallerSpeechStopped()
    {
        lock (_lock)
        {
            if (_ended)
            {
                return;
            }

            long now = ElapsedMs;
            CallerTurn turn = _speaking ?? new CallerTurn(_nextSeq++, now);
            _speaking = null;
            turn.EndMs = now;
            turn.Anchor = _anchor = new LatencyAnchor(now);
            _awaitingTranscript.Enqueue(turn);
        }
    }

    public void CallerTranscript(string text)
    {
        TurnRecord? caller = null;
        TurnRecord? answer = null;
        lock (_lock)
        {
            if (_ended || text is null)
            {
                return;
            }

            long now = ElapsedMs;
            if (!_awaitingTranscript.TryDequeue(out CallerTurn? turn))
            {
                // Typed text, or a transcript without VAD events: the turn is this instant, and latency counts from it.
                turn = _speaking ?? new CallerTurn(_nextSeq++, now);
                _speaking = null;
                turn.EndMs ??= now;
                turn.Anchor = _anchor = new LatencyAnchor(now);
            }

            if (turn.Anchor is { } anchor)
            {
                anchor.TranscriptMs ??= now - anchor.FromMs;
                if (anchor.AnsweredBy is { } agent)
                {
                    // The reply began before the transcript came (cloud upstreams transcribe in parallel).
                    agent.Dirty = true;
                    answer = agent.ToRecord();
                    agent.Dirty = false;
                }
            }

            if (!string.IsNullOrWhiteSpace(text))
            {
                caller = new TurnRecord(turn.Seq, TurnRole.Caller, null, text.Trim(), turn.StartMs, turn.EndMs, false, null, null);
            }
        }

        if (caller is not null)
        {
            _recorder.Enqueue(new RecorderCommand(RecorderCommandKind.Turn, CallId, Payload: caller));
        }

        if (answer is not null)
        {
            _recorder.Enqueue(new RecorderCommand(RecorderCommandKind.Turn, CallId, Payload: answer));
        }
    }

    public void AgentAudio(string itemId, ReadOnlySpan<byte> pcm16, int sampleRate = TrackRate)
    {
        if (string.IsNullOrEmpty(itemId) || pcm16.Length < 2 || sampleRate is < 4000 or > 192_000)
        {
            return;
        }

        lock (_lock)
        {
            if (_ended)
            {
                return;
            }

            AgentTurn turn = AgentTurnFor(itemId, out _);
            if (turn.CutMs is not null)
            {
                return;
            }

            long samples = (long)(pcm16.Length / 2) * TrackRate / sampleRate;
            turn.Samples += samples;
            if (ReferenceEquals(turn, _agentOrder[^1]))
            {
                _agentEndMs = Math.Max(_agentEndMs, turn.EndMs);
            }
        }

        EnqueueAudio(RecorderCommandKind.AgentAudio, pcm16, sampleRate, 0, itemId);
    }

    public void AgentAudioPlayed(string itemId, long playedMs)
    {
        TurnRecord? save = null;
        lock (_lock)
        {
            if (_ended || itemId is null || playedMs <= 0 || !_agentTurns.TryGetValue(itemId, out AgentTurn? turn) || turn.HeardFromMs is not null)
            {
                return;
            }

            // The first report tells when the reply began to be heard: now, less what has played since.
            long heard = Math.Max(turn.FirstSentMs, ElapsedMs - playedMs);
            turn.HeardFromMs = heard;
            if (heard > turn.StartMs)
            {
                turn.StartMs = heard;
                if (ReferenceEquals(turn, _agentOrder[^1]))
                {
                    _agentEndMs = turn.EndMs;
                }
            }

            save = turn.ToRecord();
            turn.Dirty = false;
        }

        _recorder.Enqueue(new RecorderCommand(RecorderCommandKind.Turn, CallId, Payload: save));
    }

    public void AgentInterrupted(string itemId, long playedMs)
    {
        TurnRecord save;
        lock (_lock)
        {
            if (_ended || itemId is null || !_agentTurns.TryGetValue(itemId, out AgentTurn? turn) || turn.CutMs is not null)
            {
                return;
            }

            turn.CutMs = Math.Clamp(playedMs, 0, turn.DurationMs);
            if (ReferenceEquals(turn, _agentOrder[^1]))
            {
                _agentEndMs = turn.EndMs;
            }

            save = turn.ToRecord();
            turn.Dirty = false;
        }

        _recorder.Enqueue(new RecorderCommand(RecorderCommandKind.Turn, CallId, Payload: save));
    }

    public void AgentTranscript(string itemId, string text)
    {
        TurnRecord save;
        lock (_lock)
        {
            if (_ended || string.IsNullOrEmpty(itemId) || text is null)
            {
                return;
            }

            AgentTurn turn = AgentTurnFor(itemId, out _);
            turn.Text = text.Trim();
            save = turn.ToRecord();
            turn.Dirty = false;
        }

        _recorder.Enqueue(new RecorderCommand(RecorderCommandKind.Turn, CallId, Payload: save));
    }

    public void ToolCalled(string toolCallId, string name, string argumentsJson)
    {
        ToolCallRecord save;
        lock (_lock)
        {
            if (_ended || string.IsNullOrEmpty(toolCallId) || string.IsNullOrEmpty(name) || _tools.ContainsKey(toolCallId))
            {
                // A tool that records itself and a relay that reports the same call make one record.
                return;
            }

            var state = new ToolState(_nextToolSeq++, name, Json.Element(argumentsJson), ElapsedMs);
            _tools[toolCallId] = state;
            save = new ToolCallRecord(state.Seq, toolCallId, name, state.Arguments, null, state.StartMs, null);
        }

        _recorder.Enqueue(new RecorderCommand(RecorderCommandKind.Tool, CallId, Payload: save));
    }

    public void ToolCompleted(string toolCallId, string resultJson)
    {
        ToolCallRecord save;
        lock (_lock)
        {
            if (_ended || toolCallId is null || !_tools.TryGetValue(toolCallId, out ToolState? state) || state.Completed)
            {
                return;
            }

            state.Completed = true;
            save = new ToolCallRecord(state.Seq, toolCallId, state.Name, state.Arguments, Json.Element(resultJson), state.StartMs, ElapsedMs);
        }

        _recorder.Enqueue(new RecorderCommand(RecorderCommandKind.Tool, CallId, Payload: save));
    }

    public void Usage(long inputTokens, long outputTokens)
    {
        lock (_lock)
        {
            _inputTokens += Math.Max(0, inputTokens);
            _outputTokens += Math.Max(0, outputTokens);
        }
    }

    public void Error(string code, string message)
    {
        ErrorPayload error;
        lock (_lock)
        {
            if (_ended || string.IsNullOrEmpty(code))
            {
                return;
            }

            error = new ErrorPayload(_nextErrorSeq++, new CallErrorRecord(ElapsedMs, code, message ?? string.Empty));
        }

        _recorder.Enqueue(new RecorderCommand(RecorderCommandKind.Error, CallId, Payload: error));
    }

    public void End(string reason, int? closeCode = null)
    {
        List<TurnRecord> flush;
        EndPayload end;
        lock (_lock)
        {
            if (_ended)
            {
                return;
            }

            _ended = true;
            flush = DirtyAgentTurns();
            end = new EndPayload(
                ElapsedMs,
                _time.GetUtcNow().ToUnixTimeMilliseconds(),
                string.IsNullOrWhiteSpace(reason) ? "unknown" : reason,
                closeCode,
                new CallUsage(_inputTokens, _outputTokens),
                [.. _agentOrder.Select(t => new AgentSegment(t.ItemId, t.StartMs, t.CutMs))]);
        }

        foreach (TurnRecord turn in flush)
        {
            _recorder.Enqueue(new RecorderCommand(RecorderCommandKind.Turn, CallId, Payload: turn));
        }

        _recorder.Enqueue(new RecorderCommand(RecorderCommandKind.End, CallId, Payload: end));
        _recorder.OnEnded();
    }

    private void EnqueueAudio(RecorderCommandKind kind, ReadOnlySpan<byte> pcm16, int sampleRate, long gap, string? itemId)
    {
        int length = pcm16.Length & ~1;
        byte[] copy = ArrayPool<byte>.Shared.Rent(length);
        pcm16[..length].CopyTo(copy);
        if (!_recorder.TryEnqueueAudio(new RecorderCommand(kind, CallId, copy, length, sampleRate, gap, itemId)))
        {
            ArrayPool<byte>.Shared.Return(copy);
        }
    }

    private AgentTurn AgentTurnFor(string itemId, out bool created)
    {
        created = !_agentTurns.TryGetValue(itemId, out AgentTurn? turn);
        if (turn is null)
        {
            long now = ElapsedMs;

            // Played after whatever the caller is still hearing of the previous item.
            turn = new AgentTurn(itemId, _nextSeq++, now, Math.Max(now, _agentEndMs));
            _agentTurns[itemId] = turn;
            _agentOrder.Add(turn);
            if (_anchor is { AnsweredBy: null } anchor)
            {
                anchor.AnsweredBy = turn;
                turn.Anchor = anchor;
            }
        }

        return turn;
    }

    private List<TurnRecord> DirtyAgentTurns()
    {
        var dirty = new List<TurnRecord>();
        foreach (AgentTurn turn in _agentOrder)
        {
            if (turn.Dirty || turn.Samples != turn.SavedSamples)
            {
                dirty.Add(turn.ToRecord());
                turn.Dirty = false;
            }
        }

        return dirty;
    }

    private sealed class CallerTurn(int seq, long startMs)
    {
        public int Seq { get; } = seq;
        public long StartMs { get; } = startMs;
        public long? EndMs { get; set; }
        public LatencyAnchor? Anchor { get; set; }
    }

    /// <summary>The end of the caller's speech, and the agent turn that answered it.</summary>
    private sealed class LatencyAnchor(long fromMs)
    {
        public long FromMs { get; } = fromMs;
        public long? TranscriptMs { get; set; }
        public AgentTurn? AnsweredBy { get; set; }
    }

    private sealed class AgentTurn(string itemId, int seq, long firstSentMs, long startMs)
    {
        public string ItemId { get; } = itemId;
        public int Seq { get; } = seq;
        public long FirstSentMs { get; } = firstSentMs;
        public long StartMs { get; set; } = startMs;
        public long? HeardFromMs { get; set; }
        public long Samples { get; set; }
        public long SavedSamples { get; set; }
        public long? CutMs { get; set; }
        public string Text { get; set; } = string.Empty;
        public LatencyAnchor? Anchor { get; set; }
        public bool Dirty { get; set; } = true;
        public long DurationMs => Samples / SamplesPerMs;
        public long EndMs => StartMs + (CutMs ?? DurationMs);

        public TurnRecord ToRecord()
        {
            SavedSamples = Samples;
            TurnLatency? latency = Anchor is { } a
                ? new TurnLatency(a.TranscriptMs, FirstSentMs - a.FromMs, HeardFromMs - a.FromMs)
                : null;
            return new TurnRecord(Seq, TurnRole.Agent, ItemId, Text, StartMs, EndMs, CutMs is not null, CutMs, latency);
        }
    }

    private sealed class ToolState(int seq, string name, System.Text.Json.JsonElement arguments, long startMs)
    {
        public int Seq { get; } = seq;
        public string Name { get; } = name;
        public System.Text.Json.JsonElement Arguments { get; } = arguments;
        public long StartMs { get; } = startMs;
        public bool Completed { get; set; }
    }
}
