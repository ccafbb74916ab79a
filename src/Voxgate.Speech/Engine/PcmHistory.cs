namespace Voxgate.Speech.Engine;

/// <summary>
/// The most recent input audio of a session (16 kHz PCM16), addressed by absolute sample index, so a turn can
/// reach back for its prefix padding and a manual commit can take everything since the last one.
/// </summary>
/// <remarks>
/// Holds at most <see cref="Limit"/> samples, growing its buffer only as audio arrives; past the limit the oldest
/// samples are forgotten. With server VAD a couple of seconds suffice; manual turns need the whole buffer.
/// </remarks>
internal sealed class PcmHistory
{
    private short[] _buffer;
    private int _head;   // index in _buffer of sample Start
    private int _count;
    private int _limit;

    public PcmHistory(int limit)
    {
        _limit = limit;
        _buffer = new short[Math.Min(limit, 16000)];
    }

    /// <summary>The most samples kept.</summary>
    public int Limit
    {
        get => _limit;
        set
        {
            _limit = Math.Max(1, value);
            if (_count > _limit)
            {
                _head = (_head + _count - _limit) % _buffer.Length;
                _count = _limit;
            }
        }
    }

    /// <summary>Absolute index of the oldest sample held.</summary>
    public long Start => End - _count;

    /// <summary>Absolute index one past the newest sample.</summary>
    public long End { get; private set; }

    public void Append(ReadOnlySpan<short> samples)
    {
        End += samples.Length;
        if (samples.Length >= _limit)
        {
            samples = samples[^_limit..];
            EnsureCapacity(_limit);
            samples.CopyTo(_buffer);
            _head = 0;
            _count = samples.Length;
            return;
        }

        EnsureCapacity(Math.Min(_limit, _count + samples.Length));
        int overflow = Math.Max(0, _count + samples.Length - _buffer.Length);
        _head = (_head + overflow) % _buffer.Length;
        _count -= overflow;
        int tail = (_head + _count) % _buffer.Length;
        int first = Math.Min(samples.Length, _buffer.Length - tail);
        samples[..first].CopyTo(_buffer.AsSpan(tail));
        samples[first..].CopyTo(_buffer);
        _count += samples.Length;
    }

    /// <summary>Copies samples [<paramref name="from"/>, <see cref="End"/>) that are still held.</summary>
    public short[] CopyFrom(long from)
    {
        var copy = new short[(int)Math.Max(0, End - Math.Max(from, Start))];
        Read(from, copy);
        return copy;
    }

    /// <summary>Copies samples from <paramref name="from"/> into <paramref name="destination"/>; returns how many.</summary>
    public int Read(long from, Span<short> destination)
    {
        from = Math.Max(from, Start);
        int length = (int)Math.Min(destination.Length, Math.Max(0, End - from));
        int offset = (_head + (int)(from - Start)) % Math.Max(1, _buffer.Length);
        int first = Math.Min(length, _buffer.Length - offset);
        _buffer.AsSpan(offset, first).CopyTo(destination);
        _buffer.AsSpan(0, length - first).CopyTo(destination[first..]);
        return length;
    }

    private void EnsureCapacity(int needed)
    {
        if (needed <= _buffer.Length)
        {
            return;
        }

        var bigger = new short[Math.Min(_limit, Math.Max(needed, _buffer.Length * 2))];
        Read(Start, bigger);
        _buffer = bigger;
        _head = 0;
    }
}
