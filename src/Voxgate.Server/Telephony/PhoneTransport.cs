using System.Buffers;
using System.Buffers.Text;
using System.Net.WebSockets;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;
using System.Threading.Channels;
using Microsoft.Extensions.AI;
using Voxgate.Realtime.Abstractions;
using Voxgate.Realtime.WebSockets;
using Voxgate.Server.Relay;
using Voxgate.Server.Relay.Policy;

namespace Voxgate.Server.Telephony;

/// <summary>
/// A phone call's wire: a carrier's media stream (JSON text frames with base64 G.711 8 kHz), whichever carrier's
/// <see cref="ICarrierWire"/> names the fields. Caller audio, marks, keys and the hang-up come in; agent audio goes out
/// paced near real time, each chunk followed by a mark named after its item and the milliseconds sent, so what the
/// carrier echoes back is exactly what the caller heard (<see cref="PlaybackRule.Confirmed"/>).
/// </summary>
/// <remarks>
/// One writer task is the only code that sends on the socket. It keeps the carrier's buffer about
/// <see cref="TelephonyOptions.PlaybackLeadMs"/> ahead of the caller's ear and holds the rest of a reply here, so a
/// barge-in's <c>clear</c> drops little that was sent and the agent's item is cut where the marks say. Audio queued
/// here is bounded by <see cref="TelephonyOptions.MaxQueuedAudio"/>; a call past it ends as too slow.
/// Messages for another stream, unknown events, bad JSON and bad base64 are logged and skipped: the call goes on.
/// </remarks>
internal sealed class PhoneTransport : ICallTransport, IDisposable
{
    private const int ReorderWindow = 10;

    private readonly WebSocket _socket;
    private readonly ICarrierWire _wire;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly WebSocketMessageReader _frames;
    private readonly byte[] _scratch;
    private readonly MessageReorder? _reorder;
    private readonly HashSet<string> _warned = new(StringComparer.Ordinal);
    private byte[] _audio = new byte[1024];
    private PhoneCallStart? _start;
    private byte[] _streamIdUtf8 = [];
    private bool _closed;

    // Reader side: the last item an echoed mark named, so a mark resolves to its item without allocating.
    private string? _markItem;
    private byte[] _markItemUtf8 = [];

    // Shared by the relay's loop (producer), the writer and the reader.
    private readonly Channel<PhoneOutgoing> _outgoing = Channel.CreateUnbounded<PhoneOutgoing>(new UnboundedChannelOptions { SingleReader = true, SingleWriter = false });
    private readonly SemaphoreSlim _wake = new(0);
    private readonly HashSet<string> _flushed = new(StringComparer.Ordinal);
    private readonly Lock _flushGate = new();
    private readonly long _maxQueuedBytes;
    private long _queuedBytes;
    private int _clearAsked;
    private volatile int _flushedCount;
    private volatile bool _broken;
    private volatile bool _closing;
    private Task _writer = Task.CompletedTask;

    // Writer side: pacing, and the item being sent.
    private readonly int _chunkBytes;
    private readonly TimeSpan _lead;
    private readonly ArrayBufferWriter<byte> _json = new(1024);
    private readonly Utf8JsonWriter _jsonWriter;
    private long _playheadAt;
    private string? _sendingItem;
    private byte[] _sendingItemUtf8 = [];
    private long _sendingItemBytes;
    private byte[] _markBuffer = new byte[64];

    public PhoneTransport(WebSocket socket, ICarrierWire wire, TelephonyOptions options, TimeProvider time, ILogger logger)
    {
        _socket = socket;
        _wire = wire;
        _time = time;
        _logger = logger;
        _frames = new WebSocketMessageReader(options.MaxMessageBytes, Math.Min(options.MaxMessageBytes + 1, 4096));
        _scratch = new byte[options.MaxMessageBytes];
        _reorder = wire.Reorders ? new MessageReorder(ReorderWindow) : null;
        _chunkBytes = options.MediaChunkMs * 8;
        _lead = TimeSpan.FromMilliseconds(options.PlaybackLeadMs);
        _maxQueuedBytes = (long)options.MaxQueuedAudio.TotalMilliseconds * 8;
        _jsonWriter = new Utf8JsonWriter(_json);
    }

    public string Name => _wire.Name;

    public RealtimeAudioFormat AudioFormat => _start?.Audio ?? RealtimeAudioFormats.MuLaw;

    // A carrier buffers what it is sent: only its echoed marks say what was heard.
    public PlaybackRule PlaybackRule => PlaybackRule.Confirmed;

    /// <summary>The call's id once its record began, for the logs.</summary>
    public string? CallId { get; set; }

    /// <summary>What the stream's <c>start</c> said.</summary>
    public PhoneCallStart? Start => _start;

    /// <summary>
    /// Reads up to the stream's <c>start</c> (after <c>connected</c>), within <paramref name="timeout"/>; null with the
    /// reason when the stream cannot become a call — then it has been closed.
    /// </summary>
    public async Task<(PhoneCallStart? Start, string? Problem)> StartAsync(TimeSpan timeout)
    {
        using var deadline = new CancellationTokenSource(timeout, _time);
        try
        {
            while (true)
            {
                // Cancelling aborts the socket: right for a stream that never starts.
                WebSocketMessage message = await _frames.ReadAsync(_socket, deadline.Token).ConfigureAwait(false);
                if (message.Kind == WebSocketMessageKind.TooBig)
                {
                    return await RefuseAsync(WebSocketCloseStatus.MessageTooBig, "frame_too_large: a message was larger than Telephony:MaxMessageBytes").ConfigureAwait(false);
                }

                if (message.Kind != WebSocketMessageKind.Text)
                {
                    if (message.Kind == WebSocketMessageKind.Binary)
                    {
                        Skip("a binary message (carriers send JSON text)");
                        continue;
                    }

                    return (null, "the carrier closed the stream before its start message");
                }

                if (!CarrierFrameReader.TryRead(message.Payload.Span, _wire.Fields, _scratch, out CarrierFrame frame))
                {
                    Skip("a message that is not a JSON object");
                    continue;
                }

                if (frame.Event == CarrierEvent.Connected)
                {
                    continue;
                }

                if (frame.Event != CarrierEvent.Start)
                {
                    Skip("a message before the stream's start");
                    continue;
                }

                PhoneCallStart? start = _wire.ReadStart(message.Payload.Span, out string? problem);
                if (start is null)
                {
                    return await RefuseAsync(WebSocketCloseStatus.PolicyViolation, "bad_start: " + problem).ConfigureAwait(false);
                }

                _start = start;
                _streamIdUtf8 = Encoding.UTF8.GetBytes(start.StreamId);
                _reorder?.Offer(start.Sequence, default);
                _writer = WriteAsync();
                return (start, null);
            }
        }
        catch (Exception ex) when (ex is OperationCanceledException && deadline.IsCancellationRequested)
        {
            return (null, $"no start message within {timeout.TotalSeconds:F0} s");
        }
        catch (Exception ex) when (ex is WebSocketException or IOException or ObjectDisposedException or OperationCanceledException)
        {
            return (null, "the connection broke before the stream's start message");
        }
    }

    private async Task<(PhoneCallStart?, string?)> RefuseAsync(WebSocketCloseStatus status, string reason)
    {
        await WebSocketClosing.CloseAsync(_socket, status, reason, _time).ConfigureAwait(false);
        return (null, reason);
    }

    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    public async ValueTask<CallerInput> ReadAsync()
    {
        while (true)
        {
            if (_reorder is not null && _reorder.TryTake(out byte[] held, out int length))
            {
                CallerInput? released;
                try
                {
                    released = OnMessage(held.AsSpan(0, length), held: true);
                }
                finally
                {
                    MessageReorder.Return(held);
                }

                if (released is { } input)
                {
                    return input;
                }

                continue;
            }

            if (_closed)
            {
                return CallerInput.HungUp;
            }

            WebSocketMessage message;
            try
            {
                // No token: cancelling a receive aborts the socket, and the close frame must still go out.
                message = await _frames.ReadAsync(_socket, CancellationToken.None).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is WebSocketException or ObjectDisposedException or IOException or OperationCanceledException)
            {
                return CallerInput.HungUp;
            }

            switch (message.Kind)
            {
                case WebSocketMessageKind.Text when OnMessage(message.Payload.Span, held: false) is { } input:
                    return input;
                case WebSocketMessageKind.Text:
                    break;
                case WebSocketMessageKind.Binary:
                    Skip("a binary message (carriers send JSON text)");
                    break;
                case WebSocketMessageKind.TooBig:
                    return CallerInput.TooLarge;
                default:
                    // Closed: what was held back for order is still the caller's, then the call is over.
                    _closed = true;
                    _reorder?.Drain();
                    break;
            }
        }
    }

    /// <summary>One message: what it is for the relay, or null when it was skipped, held for order, or was only news.</summary>
    private CallerInput? OnMessage(ReadOnlySpan<byte> json, bool held)
    {
        if (!CarrierFrameReader.TryRead(json, _wire.Fields, _scratch, out CarrierFrame frame))
        {
            Skip("a message that is not a JSON object");
            return null;
        }

        if (!held && _reorder is not null)
        {
            switch (_reorder.Offer(frame.Sequence, json, last: frame.Event == CarrierEvent.Stop))
            {
                case MessageReorder.Disposition.Held:
                    return null;
                case MessageReorder.Disposition.Late when frame.Event == CarrierEvent.Media:
                    // Its place in the caller's audio has passed: played now it would only garble what follows.
                    Skip("media that came too late to be put back in order");
                    return null;
            }
        }

        if (!frame.StreamId.IsEmpty && !frame.StreamId.SequenceEqual(_streamIdUtf8))
        {
            Skip("a message for another stream");
            return null;
        }

        switch (frame.Event)
        {
            case CarrierEvent.Media:
                return OnMedia(ref frame);
            case CarrierEvent.Mark:
                return OnMark(frame.MarkName);
            case CarrierEvent.Dtmf when frame.Digit.Length == 1 && CallerInput.IsKey((char)frame.Digit[0]):
                return CallerInput.Keypad((char)frame.Digit[0]);
            case CarrierEvent.Dtmf:
                Skip("a DTMF message without a key (0-9, *, #, A-D)");
                return null;
            case CarrierEvent.Stop:
                _closed = true;
                _reorder?.Drain();
                return CallerInput.HungUp;
            case CarrierEvent.Error:
                TelephonyLog.CarrierError(_logger, CallId, _wire.Name, Encoding.UTF8.GetString(json[..Math.Min(json.Length, 300)]));
                return null;
            case CarrierEvent.Connected or CarrierEvent.Start:
                Skip("a second connected or start message");
                return null;
            default:
                Skip("an event Voxgate does not know");
                return null;
        }
    }

    private CallerInput? OnMedia(ref CarrierFrame frame)
    {
        // A stream of both tracks echoes the agent's own audio as "outbound": it is not the caller.
        if (!frame.Track.IsEmpty && !frame.Track.StartsWith("inbound"u8))
        {
            return null;
        }

        if (frame.Payload.IsEmpty)
        {
            Skip("media without a payload");
            return null;
        }

        int most = Base64.GetMaxDecodedFromUtf8Length(frame.Payload.Length);
        if (_audio.Length < most)
        {
            _audio = new byte[Math.Max(most, _audio.Length * 2)];
        }

        if (Base64.DecodeFromUtf8(frame.Payload, _audio, out _, out int written) != OperationStatus.Done || written == 0)
        {
            Skip("media whose payload is not base64");
            return null;
        }

        return CallerInput.Speech(_audio.AsMemory(0, written));
    }

    private CallerInput? OnMark(ReadOnlySpan<byte> name)
    {
        if (!MarkName.TryParse(name, out ReadOnlySpan<byte> item, out long sentMs))
        {
            Skip("a mark Voxgate did not send");
            return null;
        }

        if (_markItem is null || !item.SequenceEqual(_markItemUtf8))
        {
            _markItem = Encoding.UTF8.GetString(item);
            _markItemUtf8 = item.ToArray();
        }

        // The marks a clear sends back are of audio that was dropped, never heard; late marks of a cut item likewise.
        return IsFlushed(_markItem) ? null : CallerInput.Played(_markItem, sentMs);
    }

    /// <summary>Logs a skipped message: the first of each kind as a warning, the rest at debug level.</summary>
    private void Skip(string reason)
    {
        if (_warned.Add(reason))
        {
            TelephonyLog.Skipped(_logger, CallId, _wire.Name, reason);
        }
        else
        {
            TelephonyLog.SkippedAgain(_logger, CallId, _wire.Name, reason);
        }
    }

    public bool TrySendAudio(OutputAudioDeltaRealtimeServerMessage audio, string itemId)
    {
        if (_broken || _closing)
        {
            // A broken socket is a hang-up the read side reports; after the close nothing more is sent.
            audio.Release();
            return true;
        }

        int bytes = audio.Data.Length;
        if (Interlocked.Add(ref _queuedBytes, bytes) > _maxQueuedBytes || !_outgoing.Writer.TryWrite(new PhoneOutgoing(audio, itemId)))
        {
            Interlocked.Add(ref _queuedBytes, -bytes);
            audio.Release();
            return _closing;
        }

        return true;
    }

    // A phone line shows nothing: captions and tool activity are in the call record.
    public bool TrySend(CallEvent callEvent) => true;

    public void Flush(string itemId, long playedMs)
    {
        lock (_flushGate)
        {
            _flushed.Add(itemId);
            _flushedCount = _flushed.Count;
        }

        Volatile.Write(ref _clearAsked, 1);
        _outgoing.Writer.TryWrite(PhoneOutgoing.Wake);
        Wake();
    }

    /// <summary>Ends the writer's pacing wait early; one pending wake is enough.</summary>
    private void Wake()
    {
        if (_wake.CurrentCount == 0)
        {
            _wake.Release();
        }
    }

    public async Task<int?> CloseAsync(CallResult result)
    {
        // What is still queued is dropped: the call is over, and a carrier would play it to no one.
        _closing = true;
        _outgoing.Writer.TryComplete();
        Wake();
        await _writer.ConfigureAwait(false);
        (WebSocketCloseStatus status, string reason) = TelephonyCloseReason.For(result);
        await WebSocketClosing.CloseAsync(_socket, status, reason, _time).ConfigureAwait(false);
        if (_reorder is { Reordered: > 0 } reorder)
        {
            TelephonyLog.Reordered(_logger, CallId, _wire.Name, reorder.Reordered, reorder.GapsSkipped);
        }

        return (int)status;
    }

    public void Abort() => _socket.Abort();

    private bool IsFlushed(string itemId)
    {
        if (_flushedCount == 0)
        {
            return false;
        }

        lock (_flushGate)
        {
            return _flushed.Contains(itemId);
        }
    }

    /// <summary>The one writer: agent audio paced out in chunks with their marks, and <c>clear</c> as soon as it is asked for.</summary>
    private async Task WriteAsync()
    {
        try
        {
            while (await _outgoing.Reader.WaitToReadAsync().ConfigureAwait(false))
            {
                while (!_closing && _outgoing.Reader.TryRead(out PhoneOutgoing frame))
                {
                    await ClearIfAskedAsync().ConfigureAwait(false);
                    if (frame.Audio is not { } audio)
                    {
                        continue;
                    }

                    try
                    {
                        await PlayAsync(audio, frame.ItemId!).ConfigureAwait(false);
                    }
                    finally
                    {
                        Interlocked.Add(ref _queuedBytes, -audio.Data.Length);
                        audio.Release();
                    }
                }

                if (_closing)
                {
                    break;
                }

                await ClearIfAskedAsync().ConfigureAwait(false);
            }
        }
        catch (Exception ex) when (ex is WebSocketException or ObjectDisposedException or IOException or OperationCanceledException)
        {
            // The carrier is gone; the read side reports it.
            _broken = true;
        }
        finally
        {
            _outgoing.Writer.TryComplete();
            while (_outgoing.Reader.TryRead(out PhoneOutgoing left))
            {
                if (left.Audio is { } audio)
                {
                    Interlocked.Add(ref _queuedBytes, -audio.Data.Length);
                    audio.Release();
                }
            }
        }
    }

    /// <summary>Sends one agent buffer in chunks, each when the carrier holds less than the lead, each followed by its mark.</summary>
    private async Task PlayAsync(OutputAudioDeltaRealtimeServerMessage audio, string itemId)
    {
        if (!ReferenceEquals(itemId, _sendingItem) && itemId != _sendingItem)
        {
            _sendingItem = itemId;
            _sendingItemUtf8 = Encoding.UTF8.GetBytes(itemId);
            _sendingItemBytes = 0;
            if (_markBuffer.Length < MarkName.MaxBytes(itemId))
            {
                _markBuffer = new byte[MarkName.MaxBytes(itemId)];
            }
        }

        int offset = 0;
        int length = audio.Data.Length;
        while (offset < length && !_closing && !IsFlushed(itemId))
        {
            TimeSpan wait = PaceDelay();
            if (wait > TimeSpan.Zero)
            {
                // A flush or the close wakes the wait early; the loop then looks again.
                await _wake.WaitAsync(wait).ConfigureAwait(false);
                await ClearIfAskedAsync().ConfigureAwait(false);
                continue;
            }

            int take = Math.Min(_chunkBytes, length - offset);
            _wire.WriteMedia(Begin(), _start!.StreamId, audio.Data.Span.Slice(offset, take));
            await SendAsync().ConfigureAwait(false);
            offset += take;
            _sendingItemBytes += take;
            _playheadAt += _time.TimestampFrequency * take / 8000;

            int name = MarkName.Format(_sendingItemUtf8, _sendingItemBytes / 8, _markBuffer);
            _wire.WriteMark(Begin(), _start.StreamId, _markBuffer.AsSpan(0, name));
            await SendAsync().ConfigureAwait(false);
        }
    }

    /// <summary>How long until the next chunk may go: the carrier's buffer, as sent minus played in real time, above the lead.</summary>
    private TimeSpan PaceDelay()
    {
        long now = _time.GetTimestamp();
        if (_playheadAt < now)
        {
            // The carrier ran dry (a pause between replies): its buffer starts again from now.
            _playheadAt = now;
        }

        TimeSpan ahead = _time.GetElapsedTime(now, _playheadAt);
        return ahead - _lead;
    }

    private async Task ClearIfAskedAsync()
    {
        if (Interlocked.Exchange(ref _clearAsked, 0) == 1)
        {
            _wire.WriteClear(Begin(), _start!.StreamId);
            await SendAsync().ConfigureAwait(false);

            // The carrier's buffer is empty now.
            _playheadAt = _time.GetTimestamp();
        }
    }

    private Utf8JsonWriter Begin()
    {
        _json.ResetWrittenCount();
        _jsonWriter.Reset(_json);
        return _jsonWriter;
    }

    private async ValueTask SendAsync()
    {
        _jsonWriter.Flush();
        if (_socket.State == WebSocketState.Open)
        {
            await _socket.SendAsync(_json.WrittenMemory, WebSocketMessageType.Text, endOfMessage: true, CancellationToken.None).ConfigureAwait(false);
        }
    }

    public void Dispose()
    {
        _frames.Dispose();
        _reorder?.Dispose();
        _jsonWriter.Dispose();
        _wake.Dispose();
    }
}
