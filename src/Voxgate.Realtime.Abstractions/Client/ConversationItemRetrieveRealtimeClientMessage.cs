using Microsoft.Extensions.AI;

namespace Voxgate.Realtime.Abstractions;

/// <summary>Asks for an item of the conversation as the session holds it now.</summary>
public sealed class ConversationItemRetrieveRealtimeClientMessage(string itemId) : RealtimeClientMessage
{
    public string ItemId { get; } = itemId ?? throw new ArgumentNullException(nameof(itemId));
}
