namespace Voxgate.Server.Relay;

/// <summary>What became of a call: how it ended, in words for the caller where there is more to say, and how long it lasted.</summary>
/// <param name="End">How it ended.</param>
/// <param name="Detail">What went wrong, for a person (an upstream's own message), or null.</param>
/// <param name="Duration">From the call's start to its end.</param>
internal sealed record CallResult(CallEnd End, string? Detail, TimeSpan Duration);
