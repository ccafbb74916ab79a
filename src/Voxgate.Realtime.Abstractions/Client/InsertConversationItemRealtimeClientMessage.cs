using Microsoft.Extensions.AI;

namespace Voxgate.Realtime.Abstractions;

/// <summary>Adds an item at a place in the conversation: after <see cref="PreviousItemId"/>, or first for <c>"root"</c>.</summary>
public sealed class InsertConversationItemRealtimeClientMessage(RealtimeConversationItem item, string? previousItemId)
    : CreateConversationItemRealtimeClientMessage(item)
{
    /// <summary>The id of the item to insert after; <see cref="Root"/> for the start; null for the end.</summary>
    public string? PreviousItemId { get; } = previousItemId;

    /// <summary>The <see cref="PreviousItemId"/> that means "at the start of the conversation".</summary>
    public const string Root = "root";
}
