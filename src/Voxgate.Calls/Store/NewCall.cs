namespace Voxgate.Calls.Store;

/// <summary>A call's first row, written when it begins.</summary>
internal sealed record NewCall(
    string Id, long StartedMs, string Transport, string UpstreamKind, string? UpstreamModel, string? CallerIpHash, string? UserAgent, string? CallerPhone);
