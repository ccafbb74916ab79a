namespace Voxgate.Realtime.WebSockets;

/// <summary>
/// One whole message read by a <see cref="WebSocketMessageReader"/>. <see cref="Payload"/> lies in the reader's buffer and is
/// valid until its next read.
/// </summary>
public readonly record struct WebSocketMessage(WebSocketMessageKind Kind, ReadOnlyMemory<byte> Payload, long Bytes);
