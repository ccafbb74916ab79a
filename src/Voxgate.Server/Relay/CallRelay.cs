using System.Buffers;
using System.Runtime.InteropServices;
using System.Text.Json;
using System.Threading.Channels;
using Microsoft.Extensions.AI;
using Voxgate.Audio;
using Voxgate.Calls.Recording;
using Voxgate.Realtime.Abstractions;
using Voxgate.Server.Relay.Policy;
using Voxgate.Server.Telemetry;
using Voxgate.Server.Upstream;

namespace Voxgate.Server.Relay;

/// <summary>
/// One call: a caller's transport relayed to an upstream realtime session and back, with the call's policy — barge-in
/// and truncation, latency per turn, captions, tool activity, the call record — applied on the way.
/// </summary>
/// <remarks>
/// <code>
///   caller ──ReadAsync──► caller pump ──audio──────────────────────────► upstream session
///                              └──control──┐                                  │
///                                          ▼                                  │
///                              call loop (policy, one at a time) ◄── upstream pump
///                                          │
///   caller ◄──TrySend/TrySendAudio/Flush───┘
/// </code>
/// Caller audio goes straight upstream in the transport's own buffer (the upstream borrows it for the send). Everything
/// else passes through one loop, so no policy state is touched from two threads. The loop's channel runs its reader
/// inline on the writer's thread, so an upstream event reaches the caller's queue with no thread hop. The first thing to
/// end the call (either side, a limit, shutdown) decides the <see cref="CallResult"/>; then every part stops.
/// </remarks>
internal sealed class CallRelay
{
    private const int SignalCapacity = 512;
    private static readonly TimeSpan PumpGrace = TimeSpan.FromSeconds(2);

    // An agent that asked to hang up is hung up this long after at the latest, whether or not its goodbye was heard.
    private static readonly TimeSpan HangUpGrace = TimeSpan.FromSeconds(30);
    private static readonly JsonSerializerOptions s_compact = new(AIJsonUtilities.DefaultOptions) { WriteIndented = false };

    private readonly ICallTransport _caller;
    private readonly ICallRecording _record;
    private readonly IRealtimeClient _upstream;
    private readonly UpstreamInfo _upstreamInfo;
    private readonly CallSettings _settings;
    private readonly CallLimits _limits;
    private readonly ILogger _logger;
    private readonly TimeProvider _time;
    private readonly long _startedAt;
    private readonly CallTelemetry _telemetry;
    private readonly TaskCompletionSource<CallResult> _ended = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly Channel<CallSignal> _signals = Channel.CreateBounded<CallSignal>(new BoundedChannelOptions(SignalCapacity)
    {
        SingleReader = true,
        FullMode = BoundedChannelFullMode.Wait,
        AllowSynchronousContinuations = true,
    });

    private readonly ReusableAudioAppend _append = new();

    // Call policy: touched only by the loop.
    private readonly BargeIn _bargeIn;
    private readonly TurnLatency _latency;
    private readonly Captions _captions = new();
    private readonly Dictionary<string, string> _toolNames = new(StringComparer.Ordinal);
    private readonly Dictionary<string, System.Text.StringBuilder> _agentWords = new(StringComparer.Ordinal);
    private readonly Keypad _keypad = new();
    private readonly AgentHangUp? _hangUp;
    private ITimer? _keypadTimer;
    private ITimer? _hangUpTimer;
    private int _responsesDone;
    private int? _hangUpAfterResponses;

    // The record takes PCM16; telephony's G.711 is decoded into these (one for the caller pump, one for the loop).
    private readonly bool _g711;
    private short[] _callerPcm = [];
    private short[] _agentPcm = [];

    // hangUp: the agent's hang-up request (its end_call tool), for transports that can hang up; null for none.
    public CallRelay(ICallTransport caller, ICallRecording record, IRealtimeClient upstream, UpstreamInfo upstreamInfo, CallSettings settings, CallLimits limits, ILogger logger, TimeProvider time, AgentHangUp? hangUp = null, CallTelemetry? telemetry = null)
    {
        _telemetry = telemetry ?? CallTelemetry.None;
        _caller = caller;
        _record = record;
        _upstream = upstream;
        _upstreamInfo = upstreamInfo;
        _settings = settings;
        _limits = limits;
        _logger = logger;
        _time = time;
        _startedAt = time.GetTimestamp();
        int bytesPerMs = RealtimeAudioFormats.BytesPerMillisecond(caller.AudioFormat);
        _bargeIn = new BargeIn(time, bytesPerMs, caller.PlaybackRule);
        _hangUp = hangUp;
        _latency = new TurnLatency(time, bytesPerMs);
        _g711 = RealtimeAudioFormats.IsG711(caller.AudioFormat);
        Id = record.CallId;
    }

    /// <summary>The call's id (its record's), also the prefix of the relay's own requests upstream.</summary>
    public string Id { get; }

    /// <summary>Runs the call to its end and closes both sides; returns how it ended.</summary>
    public async Task<CallResult> RunAsync(CancellationToken stopping)
    {
        using CancellationTokenRegistration onStop = stopping.Register(() => End(CallEnd.ServerStopping));
        _telemetry.Started();

        // :: Step 1: open the upstream session, configured for this call: the caller's audio format, the agent's voice
        // and instructions, turn detection and transcription. A session that cannot be had ends the call here.
        IRealtimeClientSession session;
        try
        {
            session = await _upstream.CreateSessionAsync(_settings.ToSessionOptions(_caller.AudioFormat), stopping).ConfigureAwait(false);
        }
        catch (Exception ex) when (!stopping.IsCancellationRequested)
        {
            RelayLog.UpstreamUnavailable(_logger, Id, ex);
            _record.Error("upstream_unavailable", ex.Message);
            End(CallEnd.UpstreamUnavailable, ex.Message);
            return await FinishAsync(null, []).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            return await FinishAsync(null, []).ConfigureAwait(false);
        }

        using var pumps = new CancellationTokenSource();
        using var idle = new IdleWatch(_time, _limits.IdleTimeout, () => End(CallEnd.IdleTimeout));
        using ITimer length = _time.CreateTimer(_ => End(CallEnd.CallTooLong), null, _limits.MaxCallDuration, Timeout.InfiniteTimeSpan);

        // The agent's hang-up request reaches the loop as a note; it is carried out there.
        _hangUp?.Attach(() => Note(RelayNote.HangUpRequested));

        // :: Step 2: tell the caller the call is live, with the voice and model the upstream actually uses.
        Send(new SessionReadyEvent(Id, _upstreamInfo.Name, session.Options?.Voice, session.Options?.Model ?? _upstreamInfo.Model));

        // :: Step 3: start the loop and the two pumps: caller → upstream (audio straight through, control to the loop),
        // and upstream → loop.
        Task loop = RunLoopAsync(session, pumps.Token);
        Task fromCaller = PumpFromCallerAsync(session, idle, pumps.Token);
        Task fromUpstream = PumpFromUpstreamAsync(session);

        // :: Step 4: the call goes on until something ends it.
        await _ended.Task.ConfigureAwait(false);

        // :: Step 5: stop the policy (its pending upstream requests are cancelled), then close both sides.
        await pumps.CancelAsync().ConfigureAwait(false);
        await loop.ConfigureAwait(false);
        return await FinishAsync(session, [fromCaller, fromUpstream]).ConfigureAwait(false);
    }

    /// <summary>Step 5: close the caller's side with the reason, end the upstream session, and let the pumps finish.</summary>
    private async Task<CallResult> FinishAsync(IRealtimeClientSession? session, Task[] pumps)
    {
        CallResult result = await _ended.Task.ConfigureAwait(false);
        _keypadTimer?.Dispose();
        _hangUpTimer?.Dispose();
        int? closeCode = await _caller.CloseAsync(result).ConfigureAwait(false);

        // A reply the call ended in the middle of keeps the words it had got to (the loop has stopped: its state is ours).
        foreach ((string itemId, System.Text.StringBuilder words) in _agentWords)
        {
            _record.AgentTranscript(itemId, words.ToString().Trim());
        }

        _record.End(CallEnds.Reason(result.End), closeCode);
        _telemetry.Ended(result.End, CallEnds.Reason(result.End), closeCode);

        // Ending the session ends its event stream normally, so the upstream pump finishes without an error.
        if (session is not null)
        {
            await session.DisposeAsync().ConfigureAwait(false);
        }

        if (!await FinishedAsync(pumps).ConfigureAwait(false))
        {
            // A caller that does not answer the close keeps its read pending: drop the connection.
            _caller.Abort();
            await FinishedAsync(pumps).ConfigureAwait(false);
        }

        RelayLog.Ended(_logger, Id, _caller.Name, result.End, result.Duration.TotalSeconds);
        return result;
    }

    private void End(CallEnd end, string? detail = null)
    {
        if (_ended.TrySetResult(new CallResult(end, detail, _time.GetElapsedTime(_startedAt))))
        {
            _signals.Writer.TryComplete();
        }
    }

    /// <summary>Caller → upstream: audio as it comes, control events to the loop.</summary>
    private async Task PumpFromCallerAsync(IRealtimeClientSession session, IdleWatch idle, CancellationToken cancellationToken)
    {
        string mediaType = _caller.AudioFormat.MediaType;
        try
        {
            while (!cancellationToken.IsCancellationRequested)
            {
                CallerInput input = await _caller.ReadAsync().ConfigureAwait(false);
                idle.Heard();
                switch (input.Kind)
                {
                    case CallerInputKind.Audio:
                        long sampled = _telemetry.CallerAudio(input.Audio.Length);
                        RecordAudio(input.Audio.Span, agentItemId: null, ref _callerPcm);
                        await session.SendAsync(_append.For(input.Audio, mediaType), cancellationToken).ConfigureAwait(false);
                        _telemetry.CallerAudioRelayed(sampled);
                        break;
                    case CallerInputKind.HungUp:
                        End(CallEnd.CallerHungUp);
                        return;
                    case CallerInputKind.TooLarge:
                        End(CallEnd.FrameTooLarge);
                        return;
                    default:
                        await _signals.Writer.WriteAsync(CallSignal.FromCaller(input), cancellationToken).ConfigureAwait(false);
                        break;
                }
            }
        }
        catch (Exception ex) when (ex is OperationCanceledException or ChannelClosedException && _ended.Task.IsCompleted)
        {
        }
        catch (Exception ex)
        {
            // The upstream refused the audio: its session is broken.
            RelayLog.UpstreamFailed(_logger, Id, ex);
            End(CallEnd.UpstreamFailed, ex.Message);
        }
    }

    /// <summary>Upstream → loop, until the session ends (the relay disposes it at the call's end).</summary>
    private async Task PumpFromUpstreamAsync(IRealtimeClientSession session)
    {
        try
        {
            await foreach (RealtimeServerMessage message in session.GetStreamingResponseAsync(CancellationToken.None).ConfigureAwait(false))
            {
                CallSignal signal = CallSignal.FromUpstream(message);
                try
                {
                    await _signals.Writer.WriteAsync(signal).ConfigureAwait(false);
                }
                catch (ChannelClosedException)
                {
                    // The call is over; what the upstream still says is dropped.
                    signal.Release();
                }
            }

            End(CallEnd.UpstreamClosed);
        }
        catch (Exception ex)
        {
            if (!_ended.Task.IsCompleted)
            {
                RelayLog.UpstreamFailed(_logger, Id, ex);
            }

            End(CallEnd.UpstreamFailed, ex.Message);
        }
    }

    /// <summary>The call's policy, one signal at a time, until the call ends.</summary>
    private async Task RunLoopAsync(IRealtimeClientSession session, CancellationToken cancellationToken)
    {
        await foreach (CallSignal signal in _signals.Reader.ReadAllAsync(CancellationToken.None).ConfigureAwait(false))
        {
            if (_ended.Task.IsCompleted)
            {
                signal.Release();
                continue;
            }

            try
            {
                if (signal.Message is { } message)
                {
                    await OnUpstreamAsync(session, message, cancellationToken).ConfigureAwait(false);
                }
                else if (signal.Note != RelayNote.None)
                {
                    await OnNoteAsync(session, signal.Note, cancellationToken).ConfigureAwait(false);
                }
                else
                {
                    await OnCallerAsync(session, signal.Input, cancellationToken).ConfigureAwait(false);
                }
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                signal.Release();
            }
            catch (Exception ex)
            {
                signal.Release();
                RelayLog.UpstreamFailed(_logger, Id, ex);
                End(CallEnd.UpstreamFailed, ex.Message);
            }
        }
    }

    private async ValueTask OnUpstreamAsync(IRealtimeClientSession session, RealtimeServerMessage message, CancellationToken cancellationToken)
    {
        switch (message)
        {
            case OutputAudioDeltaRealtimeServerMessage audio:
                OnAgentAudio(audio);
                break;
            case OutputTextAudioRealtimeServerMessage { Audio: { } base64 } other when other.Type == RealtimeServerMessageType.OutputAudioDelta:
                // Another upstream's base64 delta: decoded once, into the buffer that goes to the caller.
                if (Decode(other, base64) is { } decoded)
                {
                    OnAgentAudio(decoded);
                }

                break;
            case OutputTextAudioRealtimeServerMessage delta when delta.Type == RealtimeServerMessageType.OutputAudioTranscriptionDelta || delta.Type == RealtimeServerMessageType.OutputTextDelta:
                if (!string.IsNullOrEmpty(delta.Text))
                {
                    Send(new TranscriptDeltaEvent(delta.ItemId, delta.Text));
                    string key = delta.ItemId ?? string.Empty;
                    if (!_agentWords.TryGetValue(key, out System.Text.StringBuilder? words))
                    {
                        _agentWords[key] = words = new System.Text.StringBuilder();
                    }

                    words.Append(delta.Text);
                }

                break;
            case OutputTextAudioRealtimeServerMessage done when done.Type == RealtimeServerMessageType.OutputAudioTranscriptionDone || done.Type == RealtimeServerMessageType.OutputTextDone:
                Send(new TranscriptEvent(TranscriptEvent.Assistant, done.ItemId, done.Text ?? string.Empty));
                _record.AgentTranscript(done.ItemId ?? string.Empty, done.Text ?? string.Empty);
                _agentWords.Remove(done.ItemId ?? string.Empty);
                break;
            case InputAudioTranscriptionRealtimeServerMessage heard when heard.Type == RealtimeServerMessageType.InputAudioTranscriptionDelta:
                Send(new TranscriptPartialEvent(heard.ItemId, _captions.OnDelta(heard.ItemId, heard.Transcription)));
                break;
            case InputAudioTranscriptionRealtimeServerMessage final when final.Type == RealtimeServerMessageType.InputAudioTranscriptionCompleted:
                _captions.OnCompleted(final.ItemId);
                Send(new TranscriptEvent(TranscriptEvent.User, final.ItemId, final.Transcription ?? string.Empty));
                _record.CallerTranscript(final.Transcription ?? string.Empty);
                break;
            case InputAudioBufferSpeechStartedRealtimeServerMessage started:
                Send(new SpeechStartedEvent(started.ItemId, started.AudioStartMs));
                _record.CallerSpeechStarted();

                // Server VAD cancels the reply upstream by itself; here the part the caller heard is kept.
                await InterruptAsync(session, cancelResponse: false, cancellationToken).ConfigureAwait(false);
                break;
            case InputAudioBufferSpeechStoppedRealtimeServerMessage stopped:
                _latency.OnTurnEnded();
                _telemetry.TurnEnded();
                _record.CallerSpeechStopped();
                Send(new SpeechStoppedEvent(stopped.ItemId, stopped.AudioEndMs));
                break;
            case ResponseCreatedRealtimeServerMessage created when created.Type == RealtimeServerMessageType.ResponseCreated:
                _bargeIn.OnResponseCreated(created.ResponseId);
                _latency.OnResponseCreated();
                _telemetry.ResponseCreated();
                break;
            case ResponseCreatedRealtimeServerMessage done when done.Type == RealtimeServerMessageType.ResponseDone:
                OnResponseDone(done);
                break;
            case ResponseOutputItemRealtimeServerMessage item:
                OnItem(item);
                break;
            case ErrorRealtimeServerMessage error:
                OnUpstreamError(error);
                break;
        }
    }

    private async ValueTask OnCallerAsync(IRealtimeClientSession session, CallerInput input, CancellationToken cancellationToken)
    {
        switch (input.Kind)
        {
            case CallerInputKind.Played:
                _bargeIn.OnPlayed(input.ItemId, input.PlayedMs);
                _telemetry.Played(input.ItemId, input.PlayedMs);
                if (input.ItemId is { } playedItem)
                {
                    _record.AgentAudioPlayed(playedItem, input.PlayedMs);
                }

                TryHangUp();
                break;
            case CallerInputKind.Text:
                await InterruptAsync(session, cancelResponse: true, cancellationToken).ConfigureAwait(false);
                await SendUserTextAsync(session, input.Text!, cancellationToken).ConfigureAwait(false);
                break;
            case CallerInputKind.Dtmf:
                // The first key stops the agent as speech would; the entry is sent when it is complete.
                if (!_keypad.Pending)
                {
                    await InterruptAsync(session, cancelResponse: true, cancellationToken).ConfigureAwait(false);
                }

                if (_keypad.OnKey(input.Text!))
                {
                    _keypadTimer?.Change(Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
                    await SendKeypadAsync(session, cancellationToken).ConfigureAwait(false);
                }
                else
                {
                    _keypadTimer ??= _time.CreateTimer(_ => Note(RelayNote.KeypadPaused), null, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
                    _keypadTimer.Change(_limits.KeypadGapOrDefault, Timeout.InfiniteTimeSpan);
                }

                break;
            case CallerInputKind.Interrupt:
                await InterruptAsync(session, cancelResponse: true, cancellationToken).ConfigureAwait(false);
                break;
            case CallerInputKind.Malformed:
                Send(new CallErrorEvent(input.Code ?? "bad_message", input.Text ?? "A message was not understood and was ignored."));
                break;
        }
    }

    private async ValueTask OnNoteAsync(IRealtimeClientSession session, RelayNote note, CancellationToken cancellationToken)
    {
        switch (note)
        {
            case RelayNote.KeypadPaused:
                await SendKeypadAsync(session, cancellationToken).ConfigureAwait(false);
                break;
            case RelayNote.HangUpRequested when _hangUpAfterResponses is null:
                // The tool runs inside a response, and the tool-invocation middleware asks for one more (the goodbye):
                // the call ends once both are done and everything sent has been heard.
                _hangUpAfterResponses = _responsesDone + (_bargeIn.ActiveResponseId is null ? 1 : 2);
                _hangUpTimer = _time.CreateTimer(_ => End(CallEnd.AgentHungUp), null, HangUpGrace, Timeout.InfiniteTimeSpan);
                RelayLog.HangUpRequested(_logger, Id);
                TryHangUp();
                break;
        }
    }

    /// <summary>Ends the call the agent asked to end once its last reply is done and has been heard to the end.</summary>
    private void TryHangUp()
    {
        if (_hangUpAfterResponses is int after && _responsesDone >= after && _bargeIn.ActiveResponseId is null && _bargeIn.AllPlayed)
        {
            End(CallEnd.AgentHungUp);
        }
    }

    /// <summary>A complete keypad entry goes to the model as the caller's text.</summary>
    private async ValueTask SendKeypadAsync(IRealtimeClientSession session, CancellationToken cancellationToken)
    {
        if (_keypad.Take() is { } entry)
        {
            await SendUserTextAsync(session, entry, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Text from the caller (typed, or keys pressed): a user message and a request for the agent's answer.</summary>
    private async ValueTask SendUserTextAsync(IRealtimeClientSession session, string text, CancellationToken cancellationToken)
    {
        Send(new TranscriptEvent(TranscriptEvent.User, null, text));
        _latency.OnTurnEnded();
        _telemetry.TurnEnded();
        _record.CallerTranscript(text);
        await session.SendAsync(new CreateConversationItemRealtimeClientMessage(new RealtimeConversationItem([new TextContent(text)], null, ChatRole.User)), cancellationToken).ConfigureAwait(false);
        await session.SendAsync(new CreateResponseRealtimeClientMessage(), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>A note to the loop from a timer or another thread; never lost to a full queue.</summary>
    private void Note(RelayNote note)
    {
        if (!_signals.Writer.TryWrite(CallSignal.FromRelay(note)) && !_ended.Task.IsCompleted)
        {
            _ = _signals.Writer.WriteAsync(CallSignal.FromRelay(note)).AsTask().ContinueWith(static _ => { }, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
        }
    }

    /// <summary>
    /// Stops the agent where the caller is: flushes the caller's playback and truncates the item upstream at the
    /// milliseconds heard. With <paramref name="cancelResponse"/> (the caller asked), also cancels the reply.
    /// </summary>
    private async ValueTask InterruptAsync(IRealtimeClientSession session, bool cancelResponse, CancellationToken cancellationToken)
    {
        bool generating = _bargeIn.ActiveResponseId is not null;
        (string ItemId, long PlayedMs)? cut = _bargeIn.Interrupt();
        if (cut is { } flush)
        {
            _caller.Flush(flush.ItemId, flush.PlayedMs);
            _record.AgentInterrupted(flush.ItemId, flush.PlayedMs);
            _telemetry.BargeIn();
        }

        if (cancelResponse && generating)
        {
            await session.SendAsync(new ResponseCancelRealtimeClientMessage { MessageId = Id + "_cancel" }, cancellationToken).ConfigureAwait(false);
        }

        if (cut is { } truncate)
        {
            await session.SendAsync(new ConversationItemTruncateRealtimeClientMessage(truncate.ItemId, truncate.PlayedMs) { MessageId = Id + "_truncate" }, cancellationToken).ConfigureAwait(false);
            RelayLog.Interrupted(_logger, Id, truncate.PlayedMs);
        }
    }

    private void OnAgentAudio(OutputAudioDeltaRealtimeServerMessage audio)
    {
        string itemId = audio.ItemId ?? audio.ResponseId ?? "item";
        if (_bargeIn.IsCutOff(itemId))
        {
            audio.Release();
            return;
        }

        int bytes = audio.Data.Length;
        if (_bargeIn.OnAudio(itemId, bytes))
        {
            Send(new AudioStartedEvent(itemId));
        }

        _latency.OnAudio(bytes);
        long sampled = _telemetry.AgentAudio(itemId, bytes);

        // Recorded before it is handed on: the transport may send it, and give the buffer back, at once.
        RecordAudio(audio.Data.Span, itemId, ref _agentPcm);
        if (!_caller.TrySendAudio(audio, itemId))
        {
            End(CallEnd.TooSlow);
        }

        _telemetry.AgentAudioRelayed(sampled);
    }

    private static OutputAudioDeltaRealtimeServerMessage? Decode(OutputTextAudioRealtimeServerMessage delta, string base64)
    {
        byte[] rented = ArrayPool<byte>.Shared.Rent(Math.Max(1, base64.Length / 4 * 3 + 3));
        if (!Convert.TryFromBase64String(base64, rented, out int written))
        {
            ArrayPool<byte>.Shared.Return(rented);
            return null;
        }

        OutputAudioDeltaRealtimeServerMessage decoded = OutputAudioDeltaRealtimeServerMessage.FromRented(rented, written);
        decoded.ResponseId = delta.ResponseId;
        decoded.ItemId = delta.ItemId;
        return decoded;
    }

    private void OnResponseDone(ResponseCreatedRealtimeServerMessage done)
    {
        (long? latencyMs, long audioMs) = _latency.OnResponseDone();
        _bargeIn.OnResponseDone();
        _responsesDone++;
        _telemetry.ResponseDone(done.Status);
        if (done.Usage is { } usage)
        {
            _record.Usage(usage.InputTokenCount ?? 0, usage.OutputTokenCount ?? 0);
        }

        Send(new ResponseDoneEvent(done.ResponseId, done.Status, (done as ResponseRealtimeServerMessage)?.StatusReason, latencyMs, audioMs));
        RelayLog.TurnDone(_logger, Id, done.Status ?? "unknown", latencyMs ?? -1);
        TryHangUp();
    }

    private void OnItem(ResponseOutputItemRealtimeServerMessage message)
    {
        if (message.Item is not { } item)
        {
            return;
        }

        foreach (AIContent content in item.Contents)
        {
            if (content is FunctionCallContent call && message.Type == RealtimeServerMessageType.ResponseOutputItemDone)
            {
                string arguments = call.Arguments is null ? "{}" : JsonSerializer.Serialize(call.Arguments, s_compact.GetTypeInfo(typeof(IDictionary<string, object?>)));
                _toolNames[call.CallId] = call.Name;
                Send(new ToolEvent(call.Name, call.CallId, arguments, ToolEvent.Called));
            }
            else if (content is FunctionResultContent result && message.Type == RealtimeServerMessageType.ConversationItemAdded)
            {
                _toolNames.Remove(result.CallId, out string? name);
                Send(new ToolEvent(name, result.CallId, null, ToolEvent.Completed, ResultJson(result.Result)));
            }
        }
    }

    private void OnUpstreamError(ErrorRealtimeServerMessage error)
    {
        string code = error.Error?.ErrorCode ?? "upstream_error";

        // Errors answering the relay's own requests (a truncate that raced the reply's end) are no news to the caller.
        if (error.OriginatingMessageId?.StartsWith(Id, StringComparison.Ordinal) == true)
        {
            RelayLog.OwnRequestRefused(_logger, Id, code);
            return;
        }

        RelayLog.UpstreamError(_logger, Id, code);
        _telemetry.UpstreamError(code);
        _record.Error(code, error.Error?.Message ?? "The voice model reported an error.");
        Send(new CallErrorEvent("upstream_error", error.Error?.Message ?? "The voice model reported an error."));
    }

    /// <summary>Caller or agent audio to the call record, as PCM16 (G.711 decoded into <paramref name="pcm"/>, which is reused).</summary>
    private void RecordAudio(ReadOnlySpan<byte> audio, string? agentItemId, ref short[] pcm)
    {
        ReadOnlySpan<byte> pcm16 = audio;
        int rate = _caller.AudioFormat.SampleRate;
        if (_g711)
        {
            if (pcm.Length < audio.Length)
            {
                pcm = new short[Math.Max(audio.Length, 1024)];
            }

            Span<short> decoded = pcm.AsSpan(0, audio.Length);
            if (string.Equals(_caller.AudioFormat.MediaType, RealtimeAudioFormats.ALawMediaType, StringComparison.OrdinalIgnoreCase))
            {
                G711.DecodeALaw(audio, decoded);
            }
            else
            {
                G711.DecodeMuLaw(audio, decoded);
            }

            pcm16 = MemoryMarshal.AsBytes(decoded);
        }

        if (agentItemId is null)
        {
            _record.CallerAudio(pcm16, rate);
        }
        else
        {
            _record.AgentAudio(agentItemId, pcm16, rate);
        }
    }

    /// <summary>A tool's result as the JSON text the page shows: text as it is, anything else serialised.</summary>
    private static string? ResultJson(object? result) => result switch
    {
        null => null,
        string text => text,
        JsonElement element => element.GetRawText(),
        _ => JsonSerializer.Serialize(result, s_compact.GetTypeInfo(result.GetType())),
    };

    /// <summary>Queues an event for the caller; a caller too slow to take it ends the call.</summary>
    private void Send(CallEvent callEvent)
    {
        if (!_caller.TrySend(callEvent))
        {
            End(CallEnd.TooSlow);
        }
    }

    private static async Task<bool> FinishedAsync(Task[] tasks)
    {
        if (tasks.Length == 0)
        {
            return true;
        }

        Task all = Task.WhenAll(tasks);
        await all.WaitAsync(PumpGrace).ContinueWith(static _ => { }, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default).ConfigureAwait(false);
        return all.IsCompleted;
    }
}
