namespace Voxgate.Calls.Records;

/// <summary>What a call achieved.</summary>
public static class CallOutcome
{
    public const string Booked = "booked";
    public const string Rescheduled = "rescheduled";
    public const string Cancelled = "cancelled";
    public const string Information = "information";
    public const string Abandoned = "abandoned";

    /// <summary>Every outcome, for validating filters.</summary>
    public static readonly IReadOnlyList<string> All = [Booked, Rescheduled, Cancelled, Information, Abandoned];
}
