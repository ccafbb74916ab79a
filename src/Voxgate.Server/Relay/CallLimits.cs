namespace Voxgate.Server.Relay;

/// <summary>How long a call may sit silent, and last.</summary>
internal sealed record CallLimits(TimeSpan IdleTimeout, TimeSpan MaxCallDuration);
