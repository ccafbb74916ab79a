using Microsoft.Extensions.AI;

namespace Voxgate.Realtime.Abstractions;

/// <summary>An assistant item was cut back to <see cref="AudioEndMs"/>.</summary>
public sealed class ConversationItemTruncatedRealtimeServerMessage : RealtimeServerMessage
{
    public ConversationItemTruncatedRealtimeServerMessage(string itemId, long audioEndMs, int contentIndex = 0)
    {
        Type = RealtimeMessageTypes.ConversationItemTruncated;
        ItemId = itemId ?? throw new ArgumentNullException(nameof(itemId));
        AudioEndMs = audioEndMs;
        ContentIndex = contentIndex;
    }

    public string ItemId { get; }

    public int ContentIndex { get; }

    public long AudioEndMs { get; }
}
