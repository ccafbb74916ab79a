using System.Net.WebSockets;
using Voxgate.Realtime.Abstractions;

namespace Voxgate.Server.Gateway;

/// <summary>One frame waiting to be sent to the page: a JSON event, or agent audio in the buffer it came in.</summary>
internal readonly record struct OutgoingFrame(byte[]? Text, OutputAudioDeltaRealtimeServerMessage? Audio, string? AudioItemId)
{
    public static OutgoingFrame Event(byte[] utf8) => new(utf8, null, null);

    public static OutgoingFrame Speech(OutputAudioDeltaRealtimeServerMessage audio, string itemId) => new(null, audio, itemId);

    public WebSocketMessageType Type => Audio is null ? WebSocketMessageType.Text : WebSocketMessageType.Binary;

    public ReadOnlyMemory<byte> Payload => Audio?.Data ?? Text;

    /// <summary>Gives back the audio's pooled buffer once the frame is sent or dropped.</summary>
    public void Release() => Audio?.Release();
}
