using Microsoft.Extensions.AI;

namespace Voxgate.Realtime.Abstractions;

/// <summary>
/// An item of the conversation added (<see cref="RealtimeServerMessageType.ConversationItemAdded"/>), finished
/// (<see cref="RealtimeServerMessageType.ConversationItemDone"/>) or retrieved
/// (<see cref="RealtimeMessageTypes.ConversationItemRetrieved"/>), with where it sits.
/// </summary>
public sealed class ConversationItemRealtimeServerMessage : ResponseOutputItemRealtimeServerMessage
{
    public ConversationItemRealtimeServerMessage(RealtimeServerMessageType type, RealtimeConversationItem item, string? previousItemId)
        : base(type)
    {
        Item = item ?? throw new ArgumentNullException(nameof(item));
        PreviousItemId = previousItemId;
    }

    /// <summary>The item before this one, or null when it is the first.</summary>
    public string? PreviousItemId { get; }
}
