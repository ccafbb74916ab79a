namespace Voxgate.Server.Relay;

/// <summary>What the caller has said so far in this turn (it replaces the previous partial).</summary>
internal sealed record TranscriptPartialEvent(string? ItemId, string Text) : CallEvent;
