namespace Voxgate.Calls.Records;

/// <summary>Where a call's scoring is.</summary>
public static class AnalysisStatus
{
    /// <summary>Queued, or being scored, or waiting to be retried.</summary>
    public const string Pending = "pending";

    /// <summary>Scored.</summary>
    public const string Done = "done";

    /// <summary>Every attempt failed; <see cref="CallAnalysis.Error"/> says why. A re-score queues it again.</summary>
    public const string Failed = "failed";
}
