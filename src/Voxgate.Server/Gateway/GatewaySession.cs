using System.Buffers;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Threading.Channels;
using Microsoft.Extensions.AI;

namespace Voxgate.Server.Gateway;

/// <summary>
/// One browser call: relays the client's WebSocket to an upstream realtime session and back. It owns the
/// upstream session and disposes it when the call ends.
/// </summary>
/// <remarks>
/// Three loops, one purpose each: the client pump reads the socket and forwards audio and commands upstream;
/// the upstream pump turns upstream events into client frames; the writer is the only code that sends on the
/// socket, from a bounded queue — a client too slow to drain it is closed instead of growing memory. The first
/// loop to finish, or a limit (idle, call length, shutdown), decides the close reason; then everything ends.
/// </remarks>
internal sealed partial class GatewaySession
{
    private static readonly TimeSpan CloseGrace = TimeSpan.FromSeconds(2);

    private readonly WebSocket _client;
    private readonly IRealtimeClientSession _upstream;
    private readonly GatewayOptions _options;
    private readonly ILogger _logger;
    private readonly TimeProvider _time;
    private readonly Channel<OutgoingFrame> _outgoing;
    private readonly TaskCompletionSource<GatewayCloseReason> _ended = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly PlaybackTracker _playback;
    private readonly HashSet<string> _interrupted = [];
    private readonly Lock _gate = new();
    private readonly Dictionary<string, StringBuilder> _partials = [];
    private string? _activeResponseId;
    private long? _turnEndedAt;
    private long? _responseTurnEndedAt;
    private long? _latencyMs;
    private long _responseAudioBytes;

    public GatewaySession(WebSocket client, IRealtimeClientSession upstream, GatewayOptions options, ILogger logger, TimeProvider time)
    {
        _client = client;
        _upstream = upstream;
        _options = options;
        _logger = logger;
        _time = time;
        _playback = new PlaybackTracker(time);
        _outgoing = Channel.CreateBounded<OutgoingFrame>(new BoundedChannelOptions(options.SendQueueFrames) { SingleReader = true, FullMode = BoundedChannelFullMode.Wait });
    }

    public string Id { get; } = "gw_" + Guid.NewGuid().ToString("N")[..16];

    /// <summary>Runs the call to its end and closes the socket; returns why it ended.</summary>
    public async Task<GatewayCloseReason> RunAsync(string upstreamKind, CancellationToken stopping)
    {
        using var pumps = CancellationTokenSource.CreateLinkedTokenSource(stopping);
        using ITimer idle = _time.CreateTimer(_ => End(GatewayCloseReason.Idle), null, _options.IdleTimeout, Timeout.InfiniteTimeSpan);
        using ITimer callLimit = _time.CreateTimer(_ => End(GatewayCloseReason.CallTooLong), null, _options.MaxCallDuration, Timeout.InfiniteTimeSpan);
        using CancellationTokenRegistration onStop = stopping.Register(() => End(GatewayCloseReason.ServerStopping));

        Task writer = WriteToClientAsync();
        Send(GatewayEvents.SessionReady(Id, upstreamKind, _upstream.Options?.Voice));
        Task clientPump = PumpFromClientAsync(idle, pumps.Token);
        Task upstreamPump = PumpFromUpstreamAsync(pumps.Token);

        GatewayCloseReason reason = await _ended.Task.ConfigureAwait(false);
        await pumps.CancelAsync().ConfigureAwait(false);
        if (reason.ErrorCode is not null)
        {
            Send(GatewayEvents.Error(reason.ErrorCode, reason.Message));
        }

        _outgoing.Writer.TryComplete();
        await writer.ConfigureAwait(false);
        await CloseAsync(reason).ConfigureAwait(false);

        // Ending the upstream session ends its event stream normally, so nothing upstream reports a cancellation.
        await _upstream.DisposeAsync().ConfigureAwait(false);
        await Task.WhenAll(clientPump, upstreamPump).WaitAsync(CloseGrace, CancellationToken.None).ContinueWith(static _ => { }, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default).ConfigureAwait(false);
        Log.SessionEnded(_logger, Id, (int)reason.Status, reason.ErrorCode ?? "normal");
        return reason;
    }

    private void End(GatewayCloseReason reason) => _ended.TrySetResult(reason);

    /// <summary>Queues a text event; a full queue means the client cannot keep up.</summary>
    private void Send(byte[] utf8)
    {
        if (!_outgoing.Writer.TryWrite(OutgoingFrame.Text(utf8)) && !_ended.Task.IsCompleted)
        {
            End(GatewayCloseReason.TooSlow);
        }
    }

    private void SendAudio(ReadOnlySpan<byte> pcm, string itemId)
    {
        OutgoingFrame frame = OutgoingFrame.Audio(pcm, itemId);
        if (!_outgoing.Writer.TryWrite(frame))
        {
            frame.Release();
            End(GatewayCloseReason.TooSlow);
        }
    }

    private async Task WriteToClientAsync()
    {
        try
        {
            await foreach (OutgoingFrame frame in _outgoing.Reader.ReadAllAsync(CancellationToken.None).ConfigureAwait(false))
            {
                try
                {
                    bool dropped;
                    lock (_gate)
                    {
                        dropped = frame.AudioItemId is not null && _interrupted.Contains(frame.AudioItemId);
                    }

                    if (!dropped && _client.State == WebSocketState.Open)
                    {
                        await _client.SendAsync(frame.Buffer.AsMemory(0, frame.Length), frame.Type, endOfMessage: true, CancellationToken.None).ConfigureAwait(false);
                    }
                }
                finally
                {
                    frame.Release();
                }
            }
        }
        catch (Exception ex) when (ex is WebSocketException or ObjectDisposedException or IOException)
        {
            End(GatewayCloseReason.ClientClosed);
        }
        finally
        {
            while (_outgoing.Reader.TryRead(out OutgoingFrame left))
            {
                left.Release();
            }
        }
    }

    private async Task CloseAsync(GatewayCloseReason reason)
    {
        try
        {
            if (_client.State is WebSocketState.Open or WebSocketState.CloseReceived)
            {
                using var grace = new CancellationTokenSource(CloseGrace, _time);
                await _client.CloseOutputAsync(reason.Status, reason.ErrorCode ?? "normal", grace.Token).ConfigureAwait(false);
            }
        }
        catch (Exception ex) when (ex is WebSocketException or OperationCanceledException or ObjectDisposedException or IOException)
        {
            _client.Abort();
        }
    }

    private async Task PumpFromClientAsync(ITimer idle, CancellationToken cancellationToken)
    {
        byte[] buffer = ArrayPool<byte>.Shared.Rent(_options.MaxFrameBytes + 1);
        try
        {
            while (!cancellationToken.IsCancellationRequested)
            {
                int count = 0;
                ValueWebSocketReceiveResult result;
                do
                {
                    // No token: cancelling a receive aborts the socket, and the close frame must still go out.
                    result = await _client.ReceiveAsync(buffer.AsMemory(count, buffer.Length - count), CancellationToken.None).ConfigureAwait(false);
                    count += result.Count;
                    if (count > _options.MaxFrameBytes)
                    {
                        End(GatewayCloseReason.FrameTooLarge);
                        return;
                    }
                }
                while (!result.EndOfMessage && result.MessageType != WebSocketMessageType.Close);

                idle.Change(_options.IdleTimeout, Timeout.InfiniteTimeSpan);
                switch (result.MessageType)
                {
                    case WebSocketMessageType.Close:
                        End(GatewayCloseReason.ClientClosed);
                        return;
                    case WebSocketMessageType.Binary:
                        await OnClientAudioAsync(buffer.AsSpan(0, count).ToArray(), cancellationToken).ConfigureAwait(false);
                        break;
                    default:
                        await OnClientEventAsync(buffer.AsMemory(0, count), cancellationToken).ConfigureAwait(false);
                        break;
                }
            }
        }
        catch (Exception ex) when (ex is WebSocketException or OperationCanceledException or ObjectDisposedException or IOException)
        {
            End(GatewayCloseReason.ClientClosed);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private async ValueTask OnClientAudioAsync(byte[] pcm, CancellationToken cancellationToken)
    {
        if ((pcm.Length & 1) != 0)
        {
            Send(GatewayEvents.Error("bad_audio", $"Audio frames must be 16-bit samples; a frame of {pcm.Length} bytes was dropped."));
            return;
        }

        // The upstream keeps the content past this call, so it gets its own copy of the frame.
        await _upstream.SendAsync(new InputAudioBufferAppendRealtimeClientMessage(new DataContent(pcm, "audio/pcm")), cancellationToken).ConfigureAwait(false);
    }

    private async ValueTask OnClientEventAsync(ReadOnlyMemory<byte> json, CancellationToken cancellationToken)
    {
        ClientEvent? message;
        try
        {
            message = JsonSerializer.Deserialize(json.Span, GatewayJsonContext.Default.ClientEvent);
        }
        catch (JsonException)
        {
            Send(GatewayEvents.Error("bad_message", "A message from the page was not valid JSON and was ignored."));
            return;
        }

        switch (message?.Type)
        {
            case "playback" when message.PlayedMs is long played:
                lock (_gate)
                {
                    _playback.OnReport(message.ItemId, played);
                }

                break;
            case "text" when !string.IsNullOrWhiteSpace(message.Text):
                await InterruptAsync(cancelResponse: true, cancellationToken).ConfigureAwait(false);
                Send(GatewayEvents.Transcript("user", null, message.Text));
                _turnEndedAt = _time.GetTimestamp();
                await _upstream.SendAsync(new CreateConversationItemRealtimeClientMessage(new RealtimeConversationItem([new TextContent(message.Text)], null, ChatRole.User)), cancellationToken).ConfigureAwait(false);
                await _upstream.SendAsync(new CreateResponseRealtimeClientMessage(), cancellationToken).ConfigureAwait(false);
                break;
            case "interrupt":
                await InterruptAsync(cancelResponse: true, cancellationToken).ConfigureAwait(false);
                break;
            default:
                Send(GatewayEvents.Error("bad_message", $"The page sent a message the server does not understand ({message?.Type ?? "no type"})."));
                break;
        }
    }

    /// <summary>
    /// Stops the agent's current item where the listener is: truncates it upstream at the milliseconds heard and
    /// drops its audio still queued here. With <paramref name="cancelResponse"/>, also cancels the response.
    /// </summary>
    private async ValueTask InterruptAsync(bool cancelResponse, CancellationToken cancellationToken)
    {
        string? itemId;
        long played;
        bool truncate;
        lock (_gate)
        {
            itemId = _playback.ItemId;
            played = _playback.PlayedMs();

            // Truncate when the listener has not heard everything sent, or when the reply is still being generated:
            // upstream the item then holds audio that never reached them.
            truncate = itemId is not null && (_playback.IsPlaying || _activeResponseId is not null);
            if (truncate)
            {
                _interrupted.Add(itemId!);
                _playback.Reset();
            }
        }

        if (cancelResponse && _activeResponseId is not null)
        {
            await _upstream.SendAsync(new RealtimeClientMessage { MessageId = Id + "_cancel", RawRepresentation = new JsonObject { ["type"] = "response.cancel" } }, cancellationToken).ConfigureAwait(false);
        }

        if (truncate)
        {
            await _upstream.SendAsync(new RealtimeClientMessage
            {
                MessageId = Id + "_truncate",
                RawRepresentation = new JsonObject { ["type"] = "conversation.item.truncate", ["item_id"] = itemId, ["content_index"] = 0, ["audio_end_ms"] = played },
            }, cancellationToken).ConfigureAwait(false);
            Send(GatewayEvents.Interrupted(itemId!, played));
            Log.Interrupted(_logger, Id, played);
        }
    }

    private async Task PumpFromUpstreamAsync(CancellationToken cancellationToken)
    {
        try
        {
            // Not cancelled by token: the stream ends when the session is disposed, after the client is closed.
            await foreach (RealtimeServerMessage message in _upstream.GetStreamingResponseAsync(CancellationToken.None).ConfigureAwait(false))
            {
                if (!cancellationToken.IsCancellationRequested)
                {
                    await OnUpstreamAsync(message, cancellationToken).ConfigureAwait(false);
                }
            }

            End(GatewayCloseReason.UpstreamClosed);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
        catch (Exception ex)
        {
            Log.UpstreamFailed(_logger, Id, ex);
            End(GatewayCloseReason.UpstreamFailed(ex.Message));
        }
    }

    private async ValueTask OnUpstreamAsync(RealtimeServerMessage message, CancellationToken cancellationToken)
    {
        switch (message)
        {
            case OutputTextAudioRealtimeServerMessage audio when audio.Type == RealtimeServerMessageType.OutputAudioDelta:
                OnAgentAudio(audio);
                return;
            case OutputTextAudioRealtimeServerMessage delta when delta.Type == RealtimeServerMessageType.OutputAudioTranscriptionDelta || delta.Type == RealtimeServerMessageType.OutputTextDelta:
                if (!string.IsNullOrEmpty(delta.Text))
                {
                    Send(GatewayEvents.Delta(delta.ItemId, delta.Text));
                }

                return;
            case OutputTextAudioRealtimeServerMessage done when done.Type == RealtimeServerMessageType.OutputAudioTranscriptionDone || done.Type == RealtimeServerMessageType.OutputTextDone:
                Send(GatewayEvents.Transcript("assistant", done.ItemId, done.Text ?? string.Empty));
                return;
            case InputAudioTranscriptionRealtimeServerMessage heard when heard.Type == RealtimeServerMessageType.InputAudioTranscriptionDelta:
                OnUserPartial(heard);
                return;
            case InputAudioTranscriptionRealtimeServerMessage final when final.Type == RealtimeServerMessageType.InputAudioTranscriptionCompleted:
                _partials.Remove(final.ItemId ?? string.Empty);
                Send(GatewayEvents.Transcript("user", final.ItemId, final.Transcription ?? string.Empty));
                return;
            case ResponseCreatedRealtimeServerMessage created when created.Type == RealtimeServerMessageType.ResponseCreated:
                _activeResponseId = created.ResponseId;
                _responseAudioBytes = 0;
                _latencyMs = null;

                // The turn this response answers ended at the last speech.stopped (or typed message) before it.
                _responseTurnEndedAt = _turnEndedAt;
                _turnEndedAt = null;
                return;
            case ResponseCreatedRealtimeServerMessage done when done.Type == RealtimeServerMessageType.ResponseDone:
                OnResponseDone(done);
                return;
            case ResponseOutputItemRealtimeServerMessage item:
                OnItem(item);
                return;
            case ErrorRealtimeServerMessage error:
                OnUpstreamError(error);
                return;
        }

        if (UpstreamEvent.IsSpeechStarted(message))
        {
            Send(GatewayEvents.SpeechStarted(UpstreamEvent.Field(message, "item_id"), UpstreamEvent.Number(message, "audio_start_ms")));

            // The upstream cancels its response on speech (server VAD); here the heard part is kept.
            await InterruptAsync(cancelResponse: false, cancellationToken).ConfigureAwait(false);
        }
        else if (UpstreamEvent.IsSpeechStopped(message))
        {
            _turnEndedAt = _time.GetTimestamp();
            Send(GatewayEvents.SpeechStopped(UpstreamEvent.Field(message, "item_id"), UpstreamEvent.Number(message, "audio_end_ms")));
        }
    }

    private void OnAgentAudio(OutputTextAudioRealtimeServerMessage audio)
    {
        string itemId = audio.ItemId ?? audio.ResponseId ?? "item";
        lock (_gate)
        {
            if (_interrupted.Contains(itemId))
            {
                return;
            }
        }

        byte[]? rented = null;
        ReadOnlySpan<byte> pcm;
        if (audio.RawRepresentation is ReadOnlyMemory<byte> raw)
        {
            pcm = raw.Span;
        }
        else if (audio.Audio is { } base64)
        {
            rented = ArrayPool<byte>.Shared.Rent(base64.Length / 4 * 3 + 3);
            if (!Convert.TryFromBase64String(base64, rented, out int written))
            {
                ArrayPool<byte>.Shared.Return(rented);
                return;
            }

            pcm = rented.AsSpan(0, written);
        }
        else
        {
            return;
        }

        bool first;
        lock (_gate)
        {
            first = _playback.OnAudio(itemId, pcm.Length);
        }

        if (first)
        {
            Send(GatewayEvents.AudioStarted(itemId));
        }

        if (_responseAudioBytes == 0 && _responseTurnEndedAt is long ended)
        {
            _latencyMs = (long)_time.GetElapsedTime(ended).TotalMilliseconds;
        }

        _responseAudioBytes += pcm.Length;
        SendAudio(pcm, itemId);
        if (rented is not null)
        {
            ArrayPool<byte>.Shared.Return(rented);
        }
    }

    private void OnUserPartial(InputAudioTranscriptionRealtimeServerMessage partial)
    {
        string key = partial.ItemId ?? string.Empty;
        if (!_partials.TryGetValue(key, out StringBuilder? text))
        {
            _partials[key] = text = new StringBuilder();
        }

        text.Append(partial.Transcription);
        Send(GatewayEvents.Partial(partial.ItemId, text.ToString().Trim()));
    }

    private void OnResponseDone(ResponseCreatedRealtimeServerMessage done)
    {
        string? reason = done.RawRepresentation is JsonObject json && json["status_details"] is JsonObject details && details["reason"] is JsonValue r ? r.ToString() : null;
        Send(GatewayEvents.ResponseDone(done.ResponseId, done.Status, reason, _latencyMs, _responseAudioBytes / 48));
        Log.TurnDone(_logger, Id, done.Status ?? "unknown", _latencyMs ?? -1);
        _activeResponseId = null;
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
                string arguments = call.Arguments is null ? "{}" : JsonSerializer.Serialize(call.Arguments, AIJsonUtilities.DefaultOptions);
                Send(GatewayEvents.Tool(call.Name, call.CallId, arguments, "called"));
            }
            else if (content is FunctionResultContent result && message.Type == RealtimeServerMessageType.ConversationItemAdded)
            {
                Send(GatewayEvents.Tool(null, result.CallId, null, "completed"));
            }
        }
    }

    private void OnUpstreamError(ErrorRealtimeServerMessage error)
    {
        string code = error.Error?.ErrorCode ?? "upstream_error";

        // Errors answering the gateway's own requests (a truncate that raced the reply's end) are no news to the caller.
        if (error.OriginatingMessageId?.StartsWith(Id, StringComparison.Ordinal) == true)
        {
            Log.OwnRequestRefused(_logger, Id, code);
            return;
        }

        Send(GatewayEvents.Error("upstream_error", error.Error?.Message ?? "The voice model reported an error."));
    }
}
