using Microsoft.Extensions.AI;

namespace Voxgate.Realtime.Abstractions;

/// <summary>
/// An item of the conversation named by its id in place of its content (<c>{"type":"item_reference","id":…}</c> in
/// <c>response.input</c>): the session resolves it to the item it holds.
/// </summary>
public sealed class ConversationItemReference(string id) : RealtimeConversationItem([], id ?? throw new ArgumentNullException(nameof(id)))
{
}
