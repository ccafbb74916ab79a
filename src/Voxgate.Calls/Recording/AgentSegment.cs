namespace Voxgate.Calls.Recording;

/// <summary>Where one agent item played on the call's clock, and how much of it (null: all of it).</summary>
internal sealed record AgentSegment(string ItemId, long StartMs, long? PlayedMs);
