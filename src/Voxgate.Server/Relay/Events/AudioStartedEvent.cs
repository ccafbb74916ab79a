namespace Voxgate.Server.Relay;

/// <summary>The agent audio that follows belongs to this item.</summary>
internal sealed record AudioStartedEvent(string ItemId) : CallEvent;
