using Microsoft.Extensions.AI;

namespace Voxgate.Realtime.Abstractions;

/// <summary>Stops the response in progress (or the one named), as a listener who interrupts does.</summary>
public sealed class ResponseCancelRealtimeClientMessage(string? responseId = null) : RealtimeClientMessage
{
    /// <summary>The response to cancel, or null for whichever is active.</summary>
    public string? ResponseId { get; } = responseId;
}
