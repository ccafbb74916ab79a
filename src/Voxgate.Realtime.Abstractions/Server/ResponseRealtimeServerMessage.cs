using Microsoft.Extensions.AI;

namespace Voxgate.Realtime.Abstractions;

/// <summary>
/// A response created or done, as Microsoft.Extensions.AI describes it, plus why it stopped and the conversation it
/// wrote to. Metadata the client attached to <c>response.create</c> travels in
/// <see cref="ResponseCreatedRealtimeServerMessage.AdditionalProperties"/>.
/// </summary>
public sealed class ResponseRealtimeServerMessage(RealtimeServerMessageType type) : ResponseCreatedRealtimeServerMessage(type)
{
    /// <summary>
    /// Why a response that did not complete stopped: <see cref="RealtimeResponseStatusReasons.TurnDetected"/> (barge-in),
    /// <see cref="RealtimeResponseStatusReasons.ClientCancelled"/>, <see cref="RealtimeResponseStatusReasons.MaxOutputTokens"/>…
    /// </summary>
    public string? StatusReason { get; init; }

    /// <summary>The conversation the response's items joined, or null for an out-of-band response.</summary>
    public string? ConversationId { get; init; }
}
