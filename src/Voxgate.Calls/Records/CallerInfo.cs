namespace Voxgate.Calls.Records;

/// <summary>Who called: the address only as a salted hash, the browser's user agent, a phone number for phone calls.</summary>
public sealed record CallerInfo(string? IpHash, string? UserAgent, string? Phone);
