namespace Voxgate.Server.Relay;

/// <summary>A reply is over: how it ended, end of the caller's turn → first reply audio, and how much audio it had.</summary>
internal sealed record ResponseDoneEvent(string? ResponseId, string? Status, string? Reason, long? LatencyMs, long AudioMs) : CallEvent;
