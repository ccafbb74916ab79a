using System.Net.WebSockets;
using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Threading.Channels;
using Microsoft.Extensions.AI;
using Voxgate.Realtime.Abstractions;
using Voxgate.Realtime.WebSockets;
using Voxgate.Server.Relay;
using Voxgate.Server.Relay.Policy;

namespace Voxgate.Server.Gateway;

/// <summary>
/// The browser's wire (docs/protocol.md): binary PCM16 24 kHz both ways, JSON text events to the page, and playback
/// reports, typed text and interrupts from it.
/// </summary>
/// <remarks>
/// One writer task is the only code that sends on the socket, from a bounded queue: a page too slow to drain it is
/// refused more (the relay then ends the call with <c>too_slow</c>) instead of growing memory. The queue runs its writer
/// inline on the producer's thread when it is idle, so a frame usually goes out without a thread hop.
/// </remarks>
internal sealed class BrowserTransport : ICallTransport, IDisposable
{
    private const int BytesPerSample = 2;

    // How long the frames queued at a call's end may take to reach a page before it is cut off.
    private static readonly TimeSpan CloseDrain = TimeSpan.FromSeconds(5);

    private readonly WebSocket _socket;
    private readonly TimeProvider _time;
    private readonly WebSocketMessageReader _frames;
    private readonly Channel<OutgoingFrame> _outgoing;
    private readonly Task _writer;
    private readonly HashSet<string> _flushed = new(StringComparer.Ordinal);
    private readonly Lock _flushGate = new();
    private volatile bool _broken;
    private volatile int _flushedCount;
    private volatile bool _dropAll;
    private byte[]? _closingError;

    public BrowserTransport(WebSocket socket, GatewayOptions options, TimeProvider time)
    {
        _socket = socket;
        _time = time;
        _frames = new WebSocketMessageReader(options.MaxFrameBytes, Math.Min(options.MaxFrameBytes + 1, 16 * 1024));
        _outgoing = Channel.CreateBounded<OutgoingFrame>(new BoundedChannelOptions(options.SendQueueFrames)
        {
            SingleReader = true,
            FullMode = BoundedChannelFullMode.Wait,
            AllowSynchronousContinuations = true,
        });
        _writer = WriteAsync();
    }

    public string Name => "browser";

    public RealtimeAudioFormat AudioFormat { get; } = RealtimeAudioFormats.Pcm24k;

    // The page's worklet reports what it played; a client without reports is cut by the clock (docs/protocol.md).
    public PlaybackRule PlaybackRule => PlaybackRule.ReportedOrClock;

    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    public async ValueTask<CallerInput> ReadAsync()
    {
        try
        {
            // No token: cancelling a receive aborts the socket, and the close frame must still go out.
            WebSocketMessage message = await _frames.ReadAsync(_socket, CancellationToken.None).ConfigureAwait(false);
            return message.Kind switch
            {
                WebSocketMessageKind.Binary when message.Payload.Length % BytesPerSample != 0
                    => CallerInput.Malformed("bad_audio", $"Audio frames must be 16-bit samples; a frame of {message.Payload.Length} bytes was dropped."),
                WebSocketMessageKind.Binary => CallerInput.Speech(message.Payload),
                WebSocketMessageKind.Text => ReadPageMessage(message.Payload.Span),
                WebSocketMessageKind.TooBig => CallerInput.TooLarge,
                _ => CallerInput.HungUp,
            };
        }
        catch (Exception ex) when (ex is WebSocketException or ObjectDisposedException or IOException or OperationCanceledException)
        {
            return CallerInput.HungUp;
        }
    }

    private static CallerInput ReadPageMessage(ReadOnlySpan<byte> json)
    {
        PageMessage? message;
        try
        {
            message = JsonSerializer.Deserialize(json, GatewayJsonContext.Default.PageMessage);
        }
        catch (JsonException)
        {
            return CallerInput.Malformed("bad_message", "A message from the page was not valid JSON and was ignored.");
        }

        return message?.Type switch
        {
            "playback" when message.PlayedMs is long played => CallerInput.Played(message.ItemId, played),
            "text" when !string.IsNullOrWhiteSpace(message.Text) => CallerInput.Typed(message.Text),
            "interrupt" => CallerInput.Interrupt,
            _ => CallerInput.Malformed("bad_message", $"The page sent a message the server does not understand ({message?.Type ?? "no type"})."),
        };
    }

    public bool TrySendAudio(OutputAudioDeltaRealtimeServerMessage audio, string itemId)
    {
        if (_outgoing.Writer.TryWrite(OutgoingFrame.Speech(audio, itemId)))
        {
            return true;
        }

        audio.Release();

        // A full queue means the page cannot keep up; a broken socket is a hang-up the read side reports.
        return _broken;
    }

    public bool TrySend(CallEvent callEvent) => _outgoing.Writer.TryWrite(OutgoingFrame.Event(GatewayEvents.For(callEvent))) || _broken;

    public void Flush(string itemId, long playedMs)
    {
        lock (_flushGate)
        {
            _flushed.Add(itemId);
            _flushedCount = _flushed.Count;
        }

        _outgoing.Writer.TryWrite(OutgoingFrame.Event(GatewayEvents.Interrupted(itemId, playedMs)));
    }

    public async Task<int?> CloseAsync(CallResult result)
    {
        GatewayCloseReason reason = GatewayCloseReason.For(result);
        if (result.End == CallEnd.TooSlow)
        {
            // The page cannot take the audio: what is queued is dropped, so the error and the close are next in line.
            _dropAll = true;
        }

        if (reason.ErrorCode is not null && !_outgoing.Writer.TryWrite(OutgoingFrame.Event(GatewayEvents.Error(reason.ErrorCode, reason.Message))))
        {
            _closingError = GatewayEvents.Error(reason.ErrorCode, reason.Message);
        }

        _outgoing.Writer.TryComplete();

        // A page that reads nothing keeps the writer's send pending for ever: after the drain time it is dropped.
        await _writer.WaitAsync(CloseDrain, _time).ContinueWith(static _ => { }, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default).ConfigureAwait(false);
        if (!_writer.IsCompleted)
        {
            _socket.Abort();
            return null;
        }

        if (_closingError is { } error && _socket.State == WebSocketState.Open)
        {
            try
            {
                using var grace = new CancellationTokenSource(WebSocketClosing.Grace, _time);
                await _socket.SendAsync(error, WebSocketMessageType.Text, endOfMessage: true, grace.Token).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is WebSocketException or OperationCanceledException or ObjectDisposedException or IOException)
            {
            }
        }

        await WebSocketClosing.CloseAsync(_socket, reason.Status, reason.ErrorCode ?? "normal", _time).ConfigureAwait(false);
        return (int)reason.Status;
    }

    public void Abort() => _socket.Abort();

    private async Task WriteAsync()
    {
        try
        {
            await foreach (OutgoingFrame frame in _outgoing.Reader.ReadAllAsync(CancellationToken.None).ConfigureAwait(false))
            {
                try
                {
                    if (!IsFlushed(frame) && _socket.State == WebSocketState.Open)
                    {
                        await _socket.SendAsync(frame.Payload, frame.Type, endOfMessage: true, CancellationToken.None).ConfigureAwait(false);
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
            // The page is gone; the read side reports it. What is still queued is dropped.
            _broken = true;
            _outgoing.Writer.TryComplete();
            while (_outgoing.Reader.TryRead(out OutgoingFrame left))
            {
                left.Release();
            }
        }
    }

    private bool IsFlushed(OutgoingFrame frame)
    {
        if (frame.AudioItemId is not null && _dropAll)
        {
            return true;
        }

        // Most calls are never interrupted: then the writer takes no lock.
        if (frame.AudioItemId is null || _flushedCount == 0)
        {
            return false;
        }

        lock (_flushGate)
        {
            return _flushed.Contains(frame.AudioItemId);
        }
    }

    public void Dispose() => _frames.Dispose();
}
