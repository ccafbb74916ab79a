namespace Voxgate.Server.Relay;

/// <summary>The caller started speaking.</summary>
internal sealed record SpeechStartedEvent(string ItemId, long AudioStartMs) : CallEvent;
