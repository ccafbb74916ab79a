namespace Voxgate.Calls.Records;

/// <summary>Who spoke a turn.</summary>
public static class TurnRole
{
    /// <summary>The person who called.</summary>
    public const string Caller = "caller";

    /// <summary>The voice agent.</summary>
    public const string Agent = "agent";
}
