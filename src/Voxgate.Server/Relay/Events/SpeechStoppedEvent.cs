namespace Voxgate.Server.Relay;

/// <summary>The caller's turn ended.</summary>
internal sealed record SpeechStoppedEvent(string ItemId, long AudioEndMs) : CallEvent;
