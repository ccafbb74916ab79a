using Microsoft.Extensions.AI;

namespace Voxgate.Realtime.Abstractions;

/// <summary>
/// Cuts an assistant item back to what the listener heard: its audio to <see cref="AudioEndMs"/>, and its transcript
/// to the words spoken by then. Sent after a barge-in, with the milliseconds the caller's side reports as played.
/// </summary>
public sealed class ConversationItemTruncateRealtimeClientMessage(string itemId, long audioEndMs, int contentIndex = 0) : RealtimeClientMessage
{
    /// <summary>The assistant item to truncate.</summary>
    public string ItemId { get; } = itemId ?? throw new ArgumentNullException(nameof(itemId));

    /// <summary>The content part (always 0 for audio).</summary>
    public int ContentIndex { get; } = contentIndex;

    /// <summary>Milliseconds of the item's audio that were heard; the rest is dropped.</summary>
    public long AudioEndMs { get; } = audioEndMs;
}
