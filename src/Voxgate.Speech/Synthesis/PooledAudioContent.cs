using System.Buffers;
using Microsoft.Extensions.AI;

namespace Voxgate.Speech.Synthesis;

/// <summary>
/// A chunk of synthesised audio in a buffer rented from <see cref="ArrayPool{T}.Shared"/>, which a consumer that
/// knows this type may take over (<see cref="TryTake"/>) instead of copying it.
/// </summary>
/// <remarks>
/// Whoever takes the buffer returns it to the pool; a consumer that only reads <see cref="DataContent.Data"/> may
/// <see cref="Release"/> it when done, or simply drop it for the collector. Once taken or released,
/// <see cref="DataContent.Data"/> must not be read: the pool may have lent the array to someone else.
/// </remarks>
internal sealed class PooledAudioContent : DataContent
{
    private byte[]? _buffer;

    public PooledAudioContent(byte[] rented, int length, string mediaType)
        : base(rented.AsMemory(0, length), mediaType)
    {
        _buffer = rented;
        Length = length;
    }

    /// <summary>The bytes of audio at the start of the buffer.</summary>
    public int Length { get; }

    /// <summary>Hands over the buffer (its first <see cref="Length"/> bytes are the audio); false if it was taken or released already.</summary>
    public bool TryTake([System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out byte[]? buffer)
    {
        buffer = Interlocked.Exchange(ref _buffer, null);
        return buffer is not null;
    }

    /// <summary>Gives the buffer back to the pool unless it was taken; later calls do nothing.</summary>
    public void Release()
    {
        if (TryTake(out byte[]? buffer) && buffer.Length > 0)
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }
}
