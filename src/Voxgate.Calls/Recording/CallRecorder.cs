using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Voxgate.Calls.Store;

namespace Voxgate.Calls.Recording;

/// <summary>
/// Starts call recordings. <see cref="Begin"/> returns the <see cref="ICallRecording"/> a relay reports a call's events to;
/// everything they produce goes through one bounded queue to one background writer (<see cref="CallWriter"/>), off the
/// audio path.
/// </summary>
public sealed class CallRecorder
{
    private readonly Channel<RecorderCommand> _queue;
    private readonly RecordingOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly int _audioLimit;
    private long _droppedAudio;
    private int _open;

    public CallRecorder(IOptions<RecordingOptions> options, TimeProvider time, ILogger<CallRecorder> logger)
    {
        _options = options.Value;
        _time = time;
        _logger = logger;
        _queue = Channel.CreateBounded<RecorderCommand>(new BoundedChannelOptions(_options.QueueCapacity)
        {
            SingleReader = true,
            FullMode = BoundedChannelFullMode.Wait,
        });
        _audioLimit = _options.QueueCapacity / 10 * 9;
    }

    /// <summary>Calls begun and not yet ended.</summary>
    public int OpenCalls => Volatile.Read(ref _open);

    /// <summary>Notes waiting for the writer now (the store queue's depth, for the metrics).</summary>
    public int QueueDepth => _queue.Reader.Count;

    /// <summary>Audio frames dropped because the writer fell behind (they leave silence in the recording).</summary>
    public long DroppedAudioFrames => Interlocked.Read(ref _droppedAudio);

    internal ChannelReader<RecorderCommand> Queue => _queue.Reader;

    /// <summary>Begins recording a call. Never blocks and never throws: the call's row is written by the writer.</summary>
    public ICallRecording Begin(CallStart start)
    {
        ArgumentNullException.ThrowIfNull(start);
        string id = string.IsNullOrWhiteSpace(start.CallId) ? NewCallId(_time.GetUtcNow()) : start.CallId;
        var recording = new CallRecording(this, id, start.CallerPhone, _options.Enabled, _time);
        Interlocked.Increment(ref _open);
        var call = new NewCall(
            id, _time.GetUtcNow().ToUnixTimeMilliseconds(), Clip(start.Transport, 40) ?? "unknown", Clip(start.UpstreamKind, 40) ?? "unknown",
            Clip(start.UpstreamModel, 200), null, Clip(start.UserAgent, 500), Clip(start.CallerPhone, 40));
        Enqueue(new RecorderCommand(RecorderCommandKind.Begin, id, Payload: new BeginPayload(call, start.CallerAddress, _options.Enabled)));
        return recording;
    }

    /// <summary>A new call id: sortable by start time, unique without coordination.</summary>
    public static string NewCallId(DateTimeOffset startedAt) => "call_" + Guid.CreateVersion7(startedAt).ToString("N");

    internal void Enqueue(RecorderCommand command)
    {
        if (!_queue.Writer.TryWrite(command))
        {
            Log.RecordDropped(_logger, command.CallId, command.Kind.ToString());
        }
    }

    internal bool TryEnqueueAudio(RecorderCommand command)
    {
        // Audio may fill the queue only to nine tenths: the rest is kept for turns and ends.
        if (_queue.Reader.Count >= _audioLimit || !_queue.Writer.TryWrite(command))
        {
            if (Interlocked.Increment(ref _droppedAudio) % 500 == 1)
            {
                Log.AudioDropped(_logger, command.CallId, DroppedAudioFrames);
            }

            return false;
        }

        return true;
    }

    internal void OnEnded() => Interlocked.Decrement(ref _open);

    internal void Complete() => _queue.Writer.TryComplete();

    private static string? Clip(string? value, int length)
        => string.IsNullOrEmpty(value) ? null : value.Length <= length ? value : value[..length];
}
