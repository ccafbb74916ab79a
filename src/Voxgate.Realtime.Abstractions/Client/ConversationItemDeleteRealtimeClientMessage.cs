using Microsoft.Extensions.AI;

namespace Voxgate.Realtime.Abstractions;

/// <summary>Removes an item from the conversation.</summary>
public sealed class ConversationItemDeleteRealtimeClientMessage(string itemId) : RealtimeClientMessage
{
    public string ItemId { get; } = itemId ?? throw new ArgumentNullException(nameof(itemId));
}
