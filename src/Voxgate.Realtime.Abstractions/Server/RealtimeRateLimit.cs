namespace Voxgate.Realtime.Abstractions;

/// <summary>One rate limit as a realtime service reports it.</summary>
/// <param name="Name"><c>requests</c> or <c>tokens</c>.</param>
/// <param name="Limit">The most allowed.</param>
/// <param name="Remaining">What is left.</param>
/// <param name="ResetSeconds">Seconds until it is back to <paramref name="Limit"/>.</param>
public sealed record RealtimeRateLimit(string Name, long Limit, long Remaining, double ResetSeconds);
