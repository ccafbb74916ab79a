using System.Buffers.Binary;
using System.Net.WebSockets;

namespace Voxgate.Benchmarks;

/// <summary>
/// In-memory WebSocket peers for the per-frame relay benchmarks: a stream that plays one encoded frame over and over
/// (what a peer sends), and one that swallows writes (a peer that reads everything at once).
/// </summary>
internal static class WebSocketFrames
{
    /// <summary>One WebSocket frame as a peer would put it on the wire: FIN, the opcode, and a mask when the sender is a client.</summary>
    public static byte[] Encode(ReadOnlySpan<byte> payload, WebSocketMessageType type, bool masked)
    {
        int header = 2 + (payload.Length >= 126 ? (payload.Length > ushort.MaxValue ? 8 : 2) : 0) + (masked ? 4 : 0);
        byte[] frame = new byte[header + payload.Length];
        frame[0] = (byte)(0x80 | (type == WebSocketMessageType.Binary ? 0x2 : 0x1));
        int at = 2;
        if (payload.Length < 126)
        {
            frame[1] = (byte)payload.Length;
        }
        else if (payload.Length <= ushort.MaxValue)
        {
            frame[1] = 126;
            BinaryPrimitives.WriteUInt16BigEndian(frame.AsSpan(2), (ushort)payload.Length);
            at = 4;
        }
        else
        {
            frame[1] = 127;
            BinaryPrimitives.WriteUInt64BigEndian(frame.AsSpan(2), (ulong)payload.Length);
            at = 10;
        }

        byte[] mask = [0x12, 0x34, 0x56, 0x78];
        if (masked)
        {
            frame[1] |= 0x80;
            mask.CopyTo(frame, at);
            at += 4;
        }

        for (int i = 0; i < payload.Length; i++)
        {
            frame[at + i] = masked ? (byte)(payload[i] ^ mask[i % 4]) : payload[i];
        }

        return frame;
    }

    /// <summary>Reads return <paramref name="frame"/> again and again; writes vanish.</summary>
    public sealed class Replay(byte[] frame) : Stream
    {
        private int _position;

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => true;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

        public override int Read(Span<byte> buffer)
        {
            int n = Math.Min(buffer.Length, frame.Length - _position);
            frame.AsSpan(_position, n).CopyTo(buffer);
            _position = (_position + n) % frame.Length;
            return n;
        }

        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) => ValueTask.FromResult(Read(buffer.Span));

        public override void Write(byte[] buffer, int offset, int count)
        {
        }

        public override void Write(ReadOnlySpan<byte> buffer)
        {
        }

        public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default) => ValueTask.CompletedTask;

        public override void Flush()
        {
        }

        public override Task FlushAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();
    }
}
