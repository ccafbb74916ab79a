namespace Voxgate.Server.Relay;

/// <summary>The next words of the agent's reply.</summary>
internal sealed record TranscriptDeltaEvent(string? ItemId, string Delta) : CallEvent;
