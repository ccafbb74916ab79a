namespace Voxgate.Audio;

/// <summary>
/// Cuts a stream of samples arriving in arbitrary pieces into frames of a fixed length (20 ms by default).
/// </summary>
/// <remarks>
/// Bounded: it holds at most <see cref="Capacity"/> samples and refuses more, so a producer that outruns its
/// consumer is noticed instead of growing memory. Allocates nothing after construction. Not thread-safe.
/// </remarks>
/// <typeparam name="T">The sample type, e.g. <see cref="short"/> for PCM16 or <see cref="float"/>.</typeparam>
public sealed class AudioFramer<T>
    where T : unmanaged
{
    private readonly T[] _buffer;
    private int _start;
    private int _count;

    /// <summary>Creates a framer with frames of <paramref name="frameLength"/> samples holding up to <paramref name="maxFrames"/> frames.</summary>
    public AudioFramer(int frameLength, int maxFrames = 50)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(frameLength, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxFrames, 1);
        FrameLength = frameLength;
        _buffer = new T[frameLength * (maxFrames + 1)];
    }

    /// <summary>Samples per frame.</summary>
    public int FrameLength { get; }

    /// <summary>The most samples held at once.</summary>
    public int Capacity => _buffer.Length - FrameLength;

    /// <summary>Samples waiting to be framed.</summary>
    public int Buffered => _count;

    /// <summary>Adds samples; returns false, taking nothing, if they would exceed <see cref="Capacity"/>.</summary>
    public bool TryWrite(ReadOnlySpan<T> samples)
    {
        if (_count + samples.Length > Capacity)
        {
            return false;
        }

        if (_start + _count + samples.Length > _buffer.Length)
        {
            _buffer.AsSpan(_start, _count).CopyTo(_buffer);
            _start = 0;
        }

        samples.CopyTo(_buffer.AsSpan(_start + _count));
        _count += samples.Length;
        return true;
    }

    /// <summary>Copies the next whole frame into <paramref name="frame"/> if one is ready.</summary>
    public bool TryRead(Span<T> frame)
    {
        if (_count < FrameLength)
        {
            return false;
        }

        _buffer.AsSpan(_start, FrameLength).CopyTo(frame);
        _start += FrameLength;
        _count -= FrameLength;
        if (_count == 0)
        {
            _start = 0;
        }

        return true;
    }

    /// <summary>Copies out the partial frame left at the end of a stream (zero-padded) and empties the framer.</summary>
    public int Flush(Span<T> frame)
    {
        int n = _count;
        _buffer.AsSpan(_start, n).CopyTo(frame);
        frame[n..FrameLength].Clear();
        Clear();
        return n;
    }

    /// <summary>Drops everything buffered.</summary>
    public void Clear()
    {
        _start = 0;
        _count = 0;
    }
}
