using System.Buffers;

namespace Voxgate.Server.Telephony;

/// <summary>
/// Puts a carrier's messages back in sequence order (Telnyx does not promise it). A message ahead of a gap is held,
/// copied into a pooled buffer, until the gap fills; a gap that stays open while <paramref name="window"/> messages wait
/// (about 200 ms of audio) is given up on, so a lost message delays the caller's audio by at most that.
/// </summary>
internal sealed class MessageReorder(int window) : IDisposable
{
    private readonly SortedList<long, (byte[] Buffer, int Length)> _held = [];
    private long _next = -1;
    private bool _draining;

    /// <summary>What to do with a message just received.</summary>
    public enum Disposition
    {
        /// <summary>In order (or unnumbered): handle it now, then take what it released.</summary>
        Now,

        /// <summary>Ahead of a gap: copied and held.</summary>
        Held,

        /// <summary>Behind what was already handled (its gap was given up on, or it came twice).</summary>
        Late,
    }

    /// <summary>Gaps given up on: messages that never came in time.</summary>
    public int GapsSkipped { get; private set; }

    /// <summary>Messages that came out of order and were put back.</summary>
    public int Reordered { get; private set; }

    /// <summary>Offers message <paramref name="sequence"/>; <paramref name="last"/> (the stream's <c>stop</c>) releases everything held before it.</summary>
    public Disposition Offer(long sequence, ReadOnlySpan<byte> message, bool last = false)
    {
        if (sequence < 0)
        {
            return Disposition.Now;
        }

        if (_next < 0 || sequence == _next)
        {
            // The first numbered message sets the count; the one expected is handled at once (and may release held ones).
            _next = sequence + 1;
            return Disposition.Now;
        }

        if (sequence < _next || _held.ContainsKey(sequence))
        {
            return Disposition.Late;
        }

        byte[] copy = ArrayPool<byte>.Shared.Rent(message.Length);
        message.CopyTo(copy);
        _held.Add(sequence, (copy, message.Length));
        Reordered++;
        _draining |= last;
        return Disposition.Held;
    }

    /// <summary>
    /// The next held message that may be handled now: the one the sequence expects, or, when too many wait (or the stream
    /// ends), the lowest held. The buffer is pooled: give it back with <see cref="Return"/>.
    /// </summary>
    public bool TryTake(out byte[] buffer, out int length)
    {
        buffer = [];
        length = 0;
        if (_held.Count == 0)
        {
            _draining = false;
            return false;
        }

        long lowest = _held.Keys[0];
        if (lowest != _next)
        {
            if (_held.Count <= window && !_draining)
            {
                return false;
            }

            GapsSkipped++;
        }

        (buffer, length) = _held.Values[0];
        _held.RemoveAt(0);
        _next = lowest + 1;
        return true;
    }

    /// <summary>Releases everything held, in order (the connection closed).</summary>
    public void Drain() => _draining = true;

    public static void Return(byte[] buffer) => ArrayPool<byte>.Shared.Return(buffer);

    public void Dispose()
    {
        foreach ((byte[] buffer, _) in _held.Values)
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }

        _held.Clear();
    }
}
