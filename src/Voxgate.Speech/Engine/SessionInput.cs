using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Voxgate.Realtime.Abstractions;
using Voxgate.Speech.Vad;

namespace Voxgate.Speech.Engine;

/// <summary>
/// A session's input side: caller audio through VAD, turn detection (speech started and stopped, barge-in),
/// commits (by VAD or by the client), and the hand-off to speech recognition with its partial and final texts.
/// </summary>
/// <remarks>
/// Preemptive generation starts here: when a turn's silence has run to <see cref="TurnDetector.PauseMs"/>, its words are
/// settled and, if the turn is sure to be answered, its reply is prepared unseen; the commit then has its words at once
/// and the reply goes out with it. Speech inside the window undoes both.
/// </remarks>
internal sealed class SessionInput : IAsyncDisposable
{
    private const int MinCommitSamples = InputAudioPipeline.EngineRate / 10;   // OpenAI refuses commits under 100 ms

    // A sample under −50 dBFS is quiet whatever the voice's level; so is one 30 dB under the voice's last loud frame.
    private const int MinLoudSample = 104;
    private const int LoudBelowPeak = 32;

    private readonly SileroVad _vad;
    private readonly SessionClock _clock;
    private readonly EngineLimits _limits;
    private readonly SessionOutput _output;
    private readonly SessionConversation _conversation;
    private readonly SessionResponses _responses;
    private readonly InputAudioPipeline _pipeline;
    private readonly TurnDetector _turns;
    private readonly RecognitionWorker _recognition;
    private readonly ILogger _logger;
    private readonly string _sessionId;

    // The level under which audio after the voice's last confident frame counts as quiet.
    private int _loudSample = MinLoudSample;
    private readonly HashSet<string> _respondWhenRecognised = [];

    // Turns still being recognised, and the client's responses waiting for them: the brain answers words, not audio.
    private readonly HashSet<string> _recognising = [];
    private readonly Queue<CreateResponseRealtimeClientMessage> _respondAfterRecognition = new();
    private readonly HashSet<string> _discarded = [];
    private readonly Dictionary<string, string> _partials = [];
    private TurnDetectionSettings _turn = TurnDetectionSettings.Default;
    private string? _speechItemId;

    // The turn's settled words (the latest settle, for the turn in progress), and the count that tells stale ones apart.
    private RecognitionSettled? _settled;
    private int _settleGeneration;
    private long _uncommittedFrom;
    private bool _transcriptionOnly;

    // The playback end (PlaybackEndsAtMs) an idle timeout has already answered, or speech has followed.
    private long? _idleHandledFor;

    public SessionInput(
        SileroVad vad,
        IUtteranceRecognizerSource recognizers,
        Func<EngineSignal, ValueTask> post,
        SessionClock clock,
        EngineLimits limits,
        SessionOutput output,
        SessionConversation conversation,
        SessionResponses responses,
        ILogger? logger = null,
        string sessionId = "")
    {
        _vad = vad;
        _clock = clock;
        _limits = limits;
        _output = output;
        _conversation = conversation;
        _responses = responses;
        _logger = logger ?? NullLogger.Instance;
        _sessionId = sessionId;
        _turns = new TurnDetector(_turn, limits.PreemptiveLeadMs);
        _pipeline = new InputAudioPipeline(vad.CreateStream(), SessionAudioFormat.Default, HistoryLimit(_turn));
        _recognition = new RecognitionWorker(recognizers, post, logger, sessionId);
    }

    /// <summary>Takes up the session's input format and turn detection after an update.</summary>
    public void Reconfigure(SessionConfiguration config)
    {
        if (config.InputFormat != _pipeline.Format)
        {
            _pipeline.Format = config.InputFormat;
        }

        if (config.Turn.Enabled != _turn.Enabled)
        {
            _turns.Reset();
            _responses.DiscardPrepared();
        }

        _turn = config.Turn;
        _transcriptionOnly = config.TranscriptionOnly;
        _turns.Settings = _turn;
        _pipeline.History.Limit = HistoryLimit(_turn);
    }

    /// <summary>
    /// Analyses appended audio (<paramref name="mediaType"/> null when the append had none) frame by frame: a frame
    /// that starts speech interrupts the response in progress before the next frame is looked at.
    /// </summary>
    public void Append(ReadOnlySpan<byte> data, string? mediaType, string? eventId)
    {
        if (mediaType is null || !mediaType.StartsWith("audio/", StringComparison.OrdinalIgnoreCase))
        {
            _output.Error(RealtimeErrorCodes.InvalidValue, "An audio append needs audio content.", "audio", eventId);
            return;
        }

        if (!MatchesInputFormat(mediaType))
        {
            _output.Error(RealtimeErrorCodes.InvalidValue, $"Audio of type '{mediaType}' does not match the session's input format '{_pipeline.Format.MediaType}'.", "audio", eventId);
            return;
        }

        IReadOnlyList<VadFrame> frames = _pipeline.Append(data, out string? error);
        if (error is not null)
        {
            _output.Error(RealtimeErrorCodes.InvalidValue, error, "audio", eventId);
            return;
        }

        _clock.AdvanceAudio(_pipeline.ReceivedMs);
        if (!_turn.Enabled)
        {
            if (_pipeline.History.End - _uncommittedFrom > _pipeline.History.Limit)
            {
                _output.Error(RealtimeErrorCodes.AudioBufferFull, $"The input audio buffer holds at most {_limits.MaxBufferedAudioSeconds} s; commit or clear it. The oldest audio was dropped.", "audio", eventId);
                _uncommittedFrom = _pipeline.History.Start;
            }

            return;
        }

        foreach (VadFrame frame in frames)
        {
            long? voiceEndMs = frame.Probability >= _turn.Threshold ? VoiceEndMs(frame) : null;
            TurnBoundary boundary = _turns.Process(frame.Probability, frame.StartMs, frame.EndMs, voiceEndMs);
            switch (boundary.Kind)
            {
                case TurnBoundaryKind.SpeechStarted:
                    OnSpeechStarted(boundary.AudioMs, frame);
                    break;
                case TurnBoundaryKind.SpeechPaused:
                    FeedRecognition(frame);
                    Settle();
                    break;
                case TurnBoundaryKind.SpeechResumed:
                    Resume();
                    FeedRecognition(frame);
                    break;
                case TurnBoundaryKind.SpeechStopped:
                    FeedRecognition(frame);
                    OnSpeechStopped(boundary.AudioMs);
                    break;
                default:
                    if (_turns.InSpeech)
                    {
                        FeedRecognition(frame);
                    }

                    break;
            }
        }

        // The window may end inside the frame still filling: close it there when what has come of that frame is quiet.
        if (_turns.InSpeech && _turns.CloseWindow(_pipeline.ReceivedMs, TailIsQuiet()) is { Kind: TurnBoundaryKind.SpeechStopped } closed)
        {
            OnSpeechStopped(closed.AudioMs);
        }

        CheckIdle();
    }

    /// <summary>Where the voice ends in a confident frame: after its last sample within 30 dB of the frame's peak.</summary>
    private long VoiceEndMs(VadFrame frame)
    {
        Span<short> samples = stackalloc short[InputAudioPipeline.VadFrameSamples];
        int n = _pipeline.History.Read(frame.StartSample, samples);
        samples = samples[..n];
        int peak = 0;
        foreach (short sample in samples)
        {
            peak = Math.Max(peak, Math.Abs((int)sample));
        }

        _loudSample = Math.Max(MinLoudSample, peak / LoudBelowPeak);
        int last = samples.Length - 1;
        while (last >= 0 && Math.Abs((int)samples[last]) < _loudSample)
        {
            last--;
        }

        return (frame.StartSample + last + 1) / (InputAudioPipeline.EngineRate / 1000);
    }

    /// <summary>Whether the samples after the last whole VAD frame are all quiet (an empty tail is).</summary>
    private bool TailIsQuiet()
    {
        Span<short> tail = stackalloc short[InputAudioPipeline.VadFrameSamples];
        int n = _pipeline.History.Read(_pipeline.FramedSamples, tail);
        foreach (short sample in tail[..n])
        {
            if (Math.Abs((int)sample) >= _loudSample)
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>The client's commit: the turn in progress, or everything appended since the last commit.</summary>
    public void Commit(string? eventId)
    {
        if (_turns.InSpeech && _speechItemId is not null)
        {
            _turns.Reset();
            Commit(_speechItemId, respond: false);
            return;
        }

        short[] audio = _pipeline.History.CopyFrom(_uncommittedFrom);
        if (audio.Length < MinCommitSamples)
        {
            _output.Error(RealtimeErrorCodes.AudioTooShortToCommit, $"Error committing input audio buffer: buffer too small. Expected at least 100ms of audio, but buffer only has {audio.Length / 16}ms of audio.", null, eventId);
            return;
        }

        string itemId = RealtimeIds.Item();
        _recognition.Begin(itemId, _responses.Expected);
        _recognition.Audio(itemId, audio);
        Commit(itemId, respond: false);
    }

    /// <summary>The client's clear: the uncommitted audio and any turn in progress are dropped.</summary>
    public void Clear()
    {
        if (_speechItemId is not null)
        {
            // The utterance is dropped: its recognition result will be ignored, and so is its prepared reply.
            _discarded.Add(_speechItemId);
            _recognition.End(_speechItemId);
            _responses.DiscardPrepared(_speechItemId);
            _settled = null;
            _speechItemId = null;
        }

        _turns.Reset();
        _uncommittedFrom = _pipeline.History.End;
        _output.Emit(new InputAudioBufferClearedRealtimeServerMessage());
    }

    /// <summary>Transcribes the speech of an item the client added, as a committed turn is.</summary>
    public void Transcribe(ConversationItem item, DataContent audio)
    {
        using var pipeline = new InputAudioPipeline(_vad.CreateStream(), _pipeline.Format, int.MaxValue / 2);
        pipeline.Append(audio.Data.Span, out string? audioError);
        if (audioError is not null)
        {
            OnRecognitionFinal(item.Id, null, audioError, "item.content[0].audio");
            return;
        }

        if (_speechItemId is not null)
        {
            // This utterance overtakes the caller's open turn in the recogniser, which ends it with what it heard so far.
            Unsettle(_speechItemId);
        }

        _recognition.Begin(item.Id);
        _recognising.Add(item.Id);
        _recognition.Audio(item.Id, pipeline.History.CopyFrom(0));
        _recognition.End(item.Id);
    }

    /// <summary>
    /// A turn's words, settled in its silence window: kept for the commit, and — when the turn is sure to be answered
    /// and nothing else will answer first — the reply prepared. Settled words for a turn that has resumed or ended are old news.
    /// </summary>
    public void OnRecognitionSettled(RecognitionSettled settled)
    {
        if (settled.Generation != _settleGeneration || settled.ItemId != _speechItemId || !_turns.InSpeech)
        {
            return;
        }

        _settled = settled;
        if (_turn.CreateResponse && !_transcriptionOnly && !_responses.IsActive && _recognising.Count == 0 && _respondAfterRecognition.Count == 0
            && !string.IsNullOrWhiteSpace(settled.Text))
        {
            _responses.Prepare(settled.ItemId, settled.Text);
        }
    }

    public void OnRecognitionPartial(RecognitionPartial partial)
    {
        // OpenAI's deltas only ever append, so only a hypothesis that extends what was sent is passed on.
        string sent = _partials.GetValueOrDefault(partial.ItemId, string.Empty);
        if (_discarded.Contains(partial.ItemId) || partial.Text.Length <= sent.Length || !partial.Text.StartsWith(sent, StringComparison.Ordinal))
        {
            return;
        }

        _partials[partial.ItemId] = partial.Text;
        _output.Emit(new InputAudioTranscriptionRealtimeServerMessage(RealtimeServerMessageType.InputAudioTranscriptionDelta)
        {
            ItemId = partial.ItemId,
            ContentIndex = 0,
            Transcription = partial.Text[sent.Length..],
        });
    }

    /// <summary>A final transcript (or <paramref name="failure"/>): reported, and answered if its turn asked for a response.</summary>
    /// <param name="itemId">The user item transcribed.</param>
    /// <param name="text">The transcript, or null when recognition failed.</param>
    /// <param name="failure">Why it failed.</param>
    /// <param name="param">What failed, as OpenAI's error names it: the item's audio by default.</param>
    public void OnRecognitionFinal(string itemId, string? text, string? failure, string param = "audio")
    {
        try
        {
            Finalise(itemId, text, failure, param);
        }
        finally
        {
            // A reply prepared for this turn has been sent by now, or never will be.
            _responses.DiscardPrepared(itemId);
        }
    }

    private void Finalise(string itemId, string? text, string? failure, string param)
    {
        _partials.Remove(itemId);
        bool respond = _respondWhenRecognised.Remove(itemId);
        _recognising.Remove(itemId);
        if (_discarded.Remove(itemId))
        {
            StartWaitingResponses();
            return;
        }

        ConversationItem? item = _conversation.Find(itemId);
        if (failure is not null)
        {
            _output.Emit(new InputAudioTranscriptionRealtimeServerMessage(RealtimeServerMessageType.InputAudioTranscriptionFailed)
            {
                ItemId = itemId,
                ContentIndex = 0,
                Error = new ErrorContent(failure) { ErrorCode = RealtimeErrorCodes.TranscriptionFailed, Details = param },
            });
            StartWaitingResponses();
            return;
        }

        if (item is not null)
        {
            item.Text = text;
        }

        int words = CountWords(text);
        _output.Emit(new InputAudioTranscriptionRealtimeServerMessage(RealtimeServerMessageType.InputAudioTranscriptionCompleted)
        {
            ItemId = itemId,
            ContentIndex = 0,
            Transcription = text,
            Usage = new UsageDetails { InputAudioTokenCount = 0, OutputTextTokenCount = words, TotalTokenCount = words },
        });

        // Nothing recognised (a cough, a door) gets no reply; a person would not answer it either.
        if (respond && item is not null && !string.IsNullOrWhiteSpace(text) && !_responses.IsActive)
        {
            _responses.Start(null);
        }

        StartWaitingResponses();
    }

    public async ValueTask DisposeAsync()
    {
        await _recognition.DisposeAsync().ConfigureAwait(false);
        _pipeline.Dispose();
    }

    /// <summary>Server VAD only reaches back for prefix padding; manual turns keep the whole uncommitted buffer.</summary>
    private int HistoryLimit(TurnDetectionSettings turn) => turn.Enabled
        ? (turn.PrefixPaddingMs + 2000) * InputAudioPipeline.EngineRate / 1000
        : _limits.MaxBufferedAudioSeconds * InputAudioPipeline.EngineRate;

    private bool MatchesInputFormat(string mediaType)
    {
        ReadOnlySpan<char> media = mediaType.AsSpan();
        int parameters = media.IndexOf(';');
        media = (parameters < 0 ? media : media[..parameters]).Trim();
        return media.Equals(_pipeline.Format.MediaType, StringComparison.OrdinalIgnoreCase)
            || (_pipeline.Format.Encoding == AudioEncoding.Pcm16 && media.Equals("audio/l16", StringComparison.OrdinalIgnoreCase));
    }

    private void OnSpeechStarted(long audioStartMs, VadFrame frame)
    {
        string itemId = RealtimeIds.Item();
        _speechItemId = itemId;
        _output.Emit(new InputAudioBufferSpeechStartedRealtimeServerMessage(itemId, audioStartMs));
        if (_turn.InterruptResponse)
        {
            _responses.Interrupt();
        }

        // The caller spoke: the last reply needs no idle prompt.
        _idleHandledFor = _responses.PlaybackEndsAtMs;

        // The turn begins prefix_padding_ms before the first voiced frame.
        long from = Math.Max(_uncommittedFrom, audioStartMs * 16);
        _recognition.Begin(itemId, _responses.Expected);
        long to = frame.StartSample + InputAudioPipeline.VadFrameSamples;
        _recognition.Audio(itemId, _pipeline.History.CopyFrom(from).AsSpan(0, (int)Math.Max(0, to - Math.Max(from, _pipeline.History.Start))));
    }

    /// <summary>The silence has run to the pause: the recogniser finishes the turn's words now, while the window runs on.</summary>
    private void Settle()
    {
        if (_speechItemId is { } itemId)
        {
            EngineLog.TurnPaused(_logger, _sessionId, itemId);
            _recognition.Settle(itemId, ++_settleGeneration);
        }
    }

    /// <summary>Speech again inside the window: the turn goes on, so its settled words and prepared reply are undone.</summary>
    private void Resume()
    {
        if (_speechItemId is { } itemId)
        {
            Unsettle(itemId);
            _recognition.Resume(itemId);
        }
    }

    private void Unsettle(string itemId)
    {
        _settleGeneration++;
        _settled = null;
        _responses.DiscardPrepared(itemId);
    }

    private void FeedRecognition(VadFrame frame)
    {
        if (_speechItemId is null)
        {
            return;
        }

        Span<short> samples = stackalloc short[InputAudioPipeline.VadFrameSamples];
        int n = _pipeline.History.Read(frame.StartSample, samples);
        _recognition.Audio(_speechItemId, samples[..n]);
    }

    private void OnSpeechStopped(long audioEndMs)
    {
        string itemId = _speechItemId!;
        EngineLog.TurnStopped(_logger, _sessionId, itemId, audioEndMs);
        _output.Emit(new InputAudioBufferSpeechStoppedRealtimeServerMessage(itemId, audioEndMs));
        Commit(itemId, respond: _turn.CreateResponse && !_transcriptionOnly);
    }

    /// <summary>
    /// Server VAD's idle timeout: once the last reply's audio has played and the caller has stayed silent for
    /// <c>idle_timeout_ms</c> of input, the silence becomes a user item and a response prompts the caller.
    /// </summary>
    private void CheckIdle()
    {
        if (_turn is not { Enabled: true, IdleTimeoutMs: int idleMs } || _transcriptionOnly || _turns.InSpeech || _responses.IsActive
            || _responses.PlaybackEndsAtMs is not long playbackEnd || playbackEnd == _idleHandledFor || _clock.NowMs < playbackEnd + idleMs)
        {
            return;
        }

        _idleHandledFor = playbackEnd;
        long audioEnd = _pipeline.ReceivedMs;

        // The session clock runs ahead of the input only when audio came faster than real time; map back onto the input.
        long audioStart = Math.Clamp(playbackEnd - (_clock.NowMs - audioEnd), 0, audioEnd);
        string itemId = RealtimeIds.Item();
        _output.Emit(new InputAudioBufferTimeoutTriggeredRealtimeServerMessage(itemId, audioStart, audioEnd));
        Commit(itemId, respond: false, recognised: false);
        _responses.Start(null);
    }

    /// <summary>
    /// The client's response.create: started at once, or — when a turn it follows is still being recognised (a commit
    /// just before it, as pipecat and manual-turn clients send them) — as soon as its words are known.
    /// </summary>
    public void RequestResponse(CreateResponseRealtimeClientMessage request)
    {
        if (_recognising.Count == 0 && _respondAfterRecognition.Count == 0)
        {
            _responses.Start(request);
            return;
        }

        _respondAfterRecognition.Enqueue(request);
    }

    private void StartWaitingResponses()
    {
        while (_recognising.Count == 0 && _respondAfterRecognition.TryDequeue(out CreateResponseRealtimeClientMessage? request))
        {
            _responses.Start(request);
        }
    }

    private void Commit(string itemId, bool respond, bool recognised = true)
    {
        if (recognised)
        {
            _recognising.Add(itemId);
        }

        var item = new ConversationItem { Id = itemId, Kind = ConversationItemKind.Message, Role = ChatRole.User, IsAudio = true };
        _output.Emit(new InputAudioBufferCommittedRealtimeServerMessage(itemId, _conversation.LastItemId));
        _conversation.Append(item, done: true);
        _speechItemId = null;
        _uncommittedFrom = _pipeline.History.End;
        if (respond)
        {
            _respondWhenRecognised.Add(itemId);
        }

        // Words settled in the window are the turn's final words: no need to wait for the recogniser to say so again.
        RecognitionSettled? settled = _settled?.ItemId == itemId ? _settled : null;
        _settled = null;
        _recognition.End(itemId, postFinal: settled is null);
        if (settled is not null)
        {
            OnRecognitionFinal(itemId, settled.Text, null);
        }
    }

    private static int CountWords(string? text)
        => string.IsNullOrWhiteSpace(text) ? 0 : text.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length;
}
