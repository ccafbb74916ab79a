namespace Voxgate.Realtime.Abstractions;

/// <summary>Why a response stopped before it completed (<see cref="ResponseRealtimeServerMessage.StatusReason"/>).</summary>
public static class RealtimeResponseStatusReasons
{
    /// <summary>The caller started speaking (barge-in).</summary>
    public const string TurnDetected = "turn_detected";

    /// <summary>The client cancelled it or truncated the item being spoken.</summary>
    public const string ClientCancelled = "client_cancelled";

    /// <summary>It reached its output token limit.</summary>
    public const string MaxOutputTokens = "max_output_tokens";

    /// <summary>The service refused to go on.</summary>
    public const string ContentFilter = "content_filter";
}
