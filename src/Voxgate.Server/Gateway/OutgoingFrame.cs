using System.Buffers;
using System.Net.WebSockets;

namespace Voxgate.Server.Gateway;

/// <summary>One frame waiting to be sent to the client; audio frames name their item so a barge-in can drop them.</summary>
internal readonly record struct OutgoingFrame(WebSocketMessageType Type, byte[] Buffer, int Length, string? AudioItemId, bool Pooled)
{
    public static OutgoingFrame Text(byte[] utf8) => new(WebSocketMessageType.Text, utf8, utf8.Length, null, false);

    public static OutgoingFrame Audio(ReadOnlySpan<byte> pcm, string itemId)
    {
        byte[] buffer = ArrayPool<byte>.Shared.Rent(pcm.Length);
        pcm.CopyTo(buffer);
        return new(WebSocketMessageType.Binary, buffer, pcm.Length, itemId, true);
    }

    public void Release()
    {
        if (Pooled)
        {
            ArrayPool<byte>.Shared.Return(Buffer);
        }
    }
}
