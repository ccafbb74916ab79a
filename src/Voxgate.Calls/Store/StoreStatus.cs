namespace Voxgate.Calls.Store;

/// <summary>What the store held at the last heartbeat, for metrics: read once per beat, never on a scrape.</summary>
/// <param name="ReadAtMs">When it was read (Unix ms).</param>
/// <param name="AliveInstances">Instances whose heartbeat is recent, this one included.</param>
/// <param name="AnalysisJobs">Scoring jobs by status (<c>pending</c>, <c>done</c>, <c>failed</c>).</param>
public sealed record StoreStatus(long ReadAtMs, long AliveInstances, IReadOnlyDictionary<string, long> AnalysisJobs);
