using Microsoft.Extensions.AI;

namespace Voxgate.Realtime.Abstractions;

/// <summary>An item left the conversation: a client deleted it, or the session trimmed its oldest items.</summary>
public sealed class ConversationItemDeletedRealtimeServerMessage : RealtimeServerMessage
{
    public ConversationItemDeletedRealtimeServerMessage(string itemId)
    {
        Type = RealtimeMessageTypes.ConversationItemDeleted;
        ItemId = itemId ?? throw new ArgumentNullException(nameof(itemId));
    }

    public string ItemId { get; }
}
