using System.Buffers;
using Microsoft.Extensions.AI;

namespace Voxgate.Speech.Engine;

/// <summary>
/// Caller audio from an append, copied out of the client's buffer (which is only lent for the duration of
/// <see cref="IRealtimeClientSession.SendAsync"/>) into one rented from the shared pool, until the loop has analysed it.
/// </summary>
internal sealed record AppendedAudio : EngineSignal
{
    private byte[]? _buffer;

    private AppendedAudio(byte[] buffer, int length, string mediaType, string? messageId)
    {
        _buffer = buffer;
        Length = length;
        MediaType = mediaType;
        MessageId = messageId;
    }

    public int Length { get; }

    public string MediaType { get; }

    /// <summary>The append's <see cref="RealtimeClientMessage.MessageId"/>, for errors about it.</summary>
    public string? MessageId { get; }

    /// <summary>The audio; empty once released.</summary>
    public ReadOnlySpan<byte> Data => _buffer is { } buffer ? buffer.AsSpan(0, Length) : [];

    /// <summary>Copies <paramref name="content"/>'s bytes: the one copy on the way in.</summary>
    public static AppendedAudio Copy(DataContent content, string? messageId)
    {
        ReadOnlySpan<byte> data = content.Data.Span;
        byte[] buffer = data.IsEmpty ? [] : ArrayPool<byte>.Shared.Rent(data.Length);
        data.CopyTo(buffer);
        return new AppendedAudio(buffer, data.Length, content.MediaType, messageId);
    }

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
