using System.Buffers;
using Microsoft.Extensions.AI;

namespace Voxgate.Realtime.Abstractions;

/// <summary>
/// A piece of the agent's audio as raw bytes in the session's output format, in a buffer rented from
/// <see cref="ArrayPool{T}.Shared"/>: the one buffer a reply chunk travels in from the synthesiser (or the upstream's
/// base64) to the socket.
/// </summary>
/// <remarks>
/// <see cref="OutputTextAudioRealtimeServerMessage.Audio"/> (base64 text) stays null: nothing in process needs the
/// base64, and making it would cost a copy and a string per chunk. Whoever consumes the audio last calls
/// <see cref="Release"/> once it has been written; a message nobody releases is only collected, never corrupted.
/// </remarks>
public sealed class OutputAudioDeltaRealtimeServerMessage : OutputTextAudioRealtimeServerMessage
{
    private byte[]? _buffer;
    private readonly int _length;

    private OutputAudioDeltaRealtimeServerMessage(byte[] buffer, int length)
        : base(RealtimeServerMessageType.OutputAudioDelta)
    {
        _buffer = buffer;
        _length = length;
    }

    /// <summary>A delta with a rented buffer of <paramref name="length"/> bytes for the caller to fill through <see cref="Writable"/>.</summary>
    public static OutputAudioDeltaRealtimeServerMessage Rent(int length)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(length);
        return new OutputAudioDeltaRealtimeServerMessage(length == 0 ? [] : ArrayPool<byte>.Shared.Rent(length), length);
    }

    /// <summary>A delta that takes over <paramref name="rented"/> (from <see cref="ArrayPool{T}.Shared"/>), holding its first <paramref name="length"/> bytes.</summary>
    public static OutputAudioDeltaRealtimeServerMessage FromRented(byte[] rented, int length)
    {
        ArgumentNullException.ThrowIfNull(rented);
        ArgumentOutOfRangeException.ThrowIfGreaterThan((uint)length, (uint)rented.Length, nameof(length));
        return new OutputAudioDeltaRealtimeServerMessage(rented, length);
    }

    /// <summary>A delta holding a copy of <paramref name="audio"/>.</summary>
    public static OutputAudioDeltaRealtimeServerMessage Copy(ReadOnlySpan<byte> audio)
    {
        OutputAudioDeltaRealtimeServerMessage message = Rent(audio.Length);
        audio.CopyTo(message.Writable);
        return message;
    }

    /// <summary>The audio; empty once released.</summary>
    public ReadOnlyMemory<byte> Data => _buffer is { } buffer ? buffer.AsMemory(0, _length) : ReadOnlyMemory<byte>.Empty;

    /// <summary>The audio for the producer to fill before the message is published.</summary>
    public Span<byte> Writable => _buffer is { } buffer ? buffer.AsSpan(0, _length) : [];

    /// <summary>Whether the buffer was given back.</summary>
    public bool IsReleased => Volatile.Read(ref _buffer) is null;

    /// <summary>Gives the buffer back to the pool; later calls do nothing.</summary>
    public void Release()
    {
        byte[]? buffer = Interlocked.Exchange(ref _buffer, null);
        if (buffer is { Length: > 0 })
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }
}
