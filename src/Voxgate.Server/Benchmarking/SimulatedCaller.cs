using System.Diagnostics;
using Microsoft.Extensions.AI;
using Voxgate.Realtime.Abstractions;
using Voxgate.Speech.Engine;

namespace Voxgate.Server.Benchmarking;

/// <summary>
/// One conversation of the load test: says a prompt, stays silent while the reply plays, says the next one.
/// The feeder asks it for one 20 ms frame per tick; its reader timestamps what the session sends back.
/// </summary>
internal sealed class SimulatedCaller : IAsyncDisposable
{
    public const int FrameMs = 20;
    public const int Rate = 24000;
    public const int FrameSamples = Rate / 1000 * FrameMs;

    private const int PauseAfterReplyMs = 400;
    private const int GiveUpAfterMs = 10_000;

    private readonly IRealtimeClientSession _session;
    private readonly IReadOnlyList<short[]> _prompts;
    private readonly int _caller;
    private readonly Lock _gate = new();
    private readonly List<CallerTurn> _turns = [];
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _reader;
    private int _leadInFrames;
    private int _prompt;
    private int _offset = -1;
    private CallerTurn? _pending;

    public SimulatedCaller(IRealtimeClientSession session, IReadOnlyList<short[]> prompts, int firstPrompt, int leadInMs)
    {
        _session = session;
        _prompts = prompts;
        _prompt = firstPrompt;
        _caller = firstPrompt;
        _leadInFrames = leadInMs / FrameMs;
        _reader = Task.Run(ReadAsync);
    }

    /// <summary>True once the caller has stopped starting turns and its last one is over.</summary>
    public bool Finished { get; private set; }

    public IReadOnlyList<CallerTurn> Turns
    {
        get
        {
            lock (_gate)
            {
                return [.. _turns];
            }
        }
    }

    /// <summary>Sends the next 20 ms of audio: lead-in silence, a prompt, or silence while waiting for the reply.</summary>
    /// <param name="mayStartTurn">False once the run's duration is over: finish the turn in flight, start no other.</param>
    /// <param name="cancellationToken">Ends the send.</param>
    public async ValueTask SendFrameAsync(bool mayStartTurn, CancellationToken cancellationToken)
    {
        var frame = new short[FrameSamples];
        bool lastVoiced = false;
        if (_leadInFrames > 0)
        {
            _leadInFrames--;
        }
        else if (_offset >= 0)
        {
            short[] prompt = _prompts[_prompt % _prompts.Count];
            int n = Math.Min(FrameSamples, prompt.Length - _offset);
            prompt.AsSpan(_offset, n).CopyTo(frame);
            _offset += n;
            lastVoiced = _offset >= prompt.Length;
        }
        else if (ReadyForNextTurn())
        {
            if (mayStartTurn)
            {
                _offset = 0;
            }
            else
            {
                Finished = true;
            }
        }

        byte[] bytes = new byte[FrameSamples * 2];
        Buffer.BlockCopy(frame, 0, bytes, 0, bytes.Length);
        long sentAt = Stopwatch.GetTimestamp();
        await _session.SendAsync(new InputAudioBufferAppendRealtimeClientMessage(new DataContent(bytes, "audio/pcm")), cancellationToken).ConfigureAwait(false);
        if (lastVoiced)
        {
            var turn = new CallerTurn(sentAt, _caller, _prompt % _prompts.Count);
            lock (_gate)
            {
                _turns.Add(turn);
                _pending = turn;
            }

            _offset = -1;
            _prompt++;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        await _session.DisposeAsync().ConfigureAwait(false);
        try
        {
            await _reader.ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
        }

        _stop.Dispose();
    }

    /// <summary>The reply has been played out (or never came), plus a short pause, as a person would wait.</summary>
    private bool ReadyForNextTurn()
    {
        lock (_gate)
        {
            if (_pending is not { } turn)
            {
                return true;
            }

            long now = Stopwatch.GetTimestamp();
            bool played = turn.DoneAt != 0 && turn.FirstAudioAt != 0 && now >= turn.PlayoutEndsAt + Ticks(PauseAfterReplyMs);
            bool unanswered = turn.DoneAt != 0 && turn.FirstAudioAt == 0 && now >= turn.DoneAt + Ticks(PauseAfterReplyMs);
            bool gaveUp = now >= turn.LastVoicedSentAt + Ticks(GiveUpAfterMs);
            if (played || unanswered || gaveUp)
            {
                _pending = null;
                return true;
            }

            return false;
        }
    }

    private async Task ReadAsync()
    {
        await foreach (RealtimeServerMessage message in _session.GetStreamingResponseAsync(_stop.Token).ConfigureAwait(false))
        {
            long now = Stopwatch.GetTimestamp();
            lock (_gate)
            {
                if (_pending is { } turn)
                {
                    Record(turn, message, now);
                }
            }
        }
    }

    private static void Record(CallerTurn turn, RealtimeServerMessage message, long now)
    {
        if (message is InputAudioBufferSpeechStoppedRealtimeServerMessage && turn.SpeechStoppedAt == 0)
        {
            turn.SpeechStoppedAt = now;
        }
        else if (message is InputAudioTranscriptionRealtimeServerMessage transcript
            && message.Type == RealtimeServerMessageType.InputAudioTranscriptionCompleted && turn.TranscribedAt == 0)
        {
            turn.TranscribedAt = now;
            turn.Transcript = transcript.Transcription;
        }
        else if (message is ResponseCreatedRealtimeServerMessage created && message.Type == RealtimeServerMessageType.ResponseCreated && turn.ResponseId is null)
        {
            turn.ResponseId = created.ResponseId;
        }
        else if (message is OutputAudioDeltaRealtimeServerMessage delta && delta.ResponseId == turn.ResponseId)
        {
            int bytes = delta.Data.Length;
            delta.Release();
            double chunkMs = bytes / 2 * 1000.0 / Rate;
            if (turn.FirstAudioAt == 0)
            {
                turn.FirstAudioAt = now;
                turn.PlayoutEndsAt = now;
            }
            else if (now > turn.PlayoutEndsAt)
            {
                // Playback of what had arrived would have run out before this chunk came.
                turn.Underruns++;
                turn.UnderrunMs += Stopwatch.GetElapsedTime(turn.PlayoutEndsAt, now).TotalMilliseconds;
                turn.PlayoutEndsAt = now;
            }

            turn.AudioMs += chunkMs;
            turn.PlayoutEndsAt += Ticks(chunkMs);
        }
        else if (message is ResponseCreatedRealtimeServerMessage done && message.Type == RealtimeServerMessageType.ResponseDone && done.ResponseId == turn.ResponseId)
        {
            turn.DoneAt = now;
        }
    }

    private static long Ticks(double milliseconds) => (long)(milliseconds * Stopwatch.Frequency / 1000);
}
