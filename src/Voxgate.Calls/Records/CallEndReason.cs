namespace Voxgate.Calls.Records;

/// <summary>End reasons the store itself writes; the relay passes its own (its close reason's code).</summary>
public static class CallEndReason
{
    /// <summary>The process stopped with the call open; set on the next start.</summary>
    public const string Interrupted = "interrupted";
}
