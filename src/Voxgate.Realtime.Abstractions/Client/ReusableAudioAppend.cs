using System.Runtime.InteropServices;
using Microsoft.Extensions.AI;

namespace Voxgate.Realtime.Abstractions;

/// <summary>
/// Makes <see cref="InputAudioBufferAppendRealtimeClientMessage"/>s over a relay's own receive buffer without allocating
/// per frame: frames of the same length in the same buffer reuse one message and one <see cref="DataContent"/>.
/// </summary>
/// <remarks>
/// This relies on the rule every Voxgate session follows: <b>audio content is borrowed for the duration of
/// <see cref="IRealtimeClientSession.SendAsync"/></b>. A session that keeps audio past the returned task copies it
/// (the local engine does); one that encodes it at once (a WebSocket upstream) does not need to. So the relay may refill
/// its buffer as soon as the send completes. One instance per relay, not thread-safe.
/// </remarks>
public sealed class ReusableAudioAppend
{
    private InputAudioBufferAppendRealtimeClientMessage? _message;
    private byte[]? _array;
    private int _offset;
    private int _length;
    private string? _mediaType;

    /// <summary>An append of <paramref name="audio"/>, valid until the next call.</summary>
    public InputAudioBufferAppendRealtimeClientMessage For(ReadOnlyMemory<byte> audio, string mediaType, string? messageId = null)
    {
        ArgumentNullException.ThrowIfNull(mediaType);
        if (MemoryMarshal.TryGetArray(audio, out ArraySegment<byte> segment)
            && _message is not null
            && ReferenceEquals(segment.Array, _array) && segment.Offset == _offset && segment.Count == _length
            && string.Equals(mediaType, _mediaType, StringComparison.Ordinal))
        {
            _message.MessageId = messageId;
            return _message;
        }

        _message = new InputAudioBufferAppendRealtimeClientMessage(new DataContent(audio, mediaType)) { MessageId = messageId };
        _array = segment.Array;
        _offset = segment.Offset;
        _length = segment.Count;
        _mediaType = mediaType;
        return _message;
    }
}
