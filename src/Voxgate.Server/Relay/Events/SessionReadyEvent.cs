namespace Voxgate.Server.Relay;

/// <summary>The call is live, with the voice and model the upstream really uses.</summary>
internal sealed record SessionReadyEvent(string CallId, string Upstream, string? Voice, string? Model) : CallEvent;
