namespace Voxgate.Calls.Records;

/// <summary>Tokens the upstream reported for the call (zero when it reports none).</summary>
public sealed record CallUsage(long InputTokens, long OutputTokens)
{
    /// <summary>Input and output together.</summary>
    public long TotalTokens => InputTokens + OutputTokens;
}
