using Microsoft.Extensions.AI;

namespace Voxgate.Realtime.Abstractions;

/// <summary>
/// A conversation item as a session reports it at one moment: its contents, and whether it is still being made.
/// A message holds <see cref="TextContent"/> or <see cref="AudioTranscriptContent"/>; a tool call a
/// <see cref="FunctionCallContent"/>; a tool result a <see cref="FunctionResultContent"/>.
/// </summary>
public sealed class ConversationItemSnapshot(IList<AIContent> contents, string id, ChatRole role, string status)
    : RealtimeConversationItem(contents, id, role)
{
    /// <summary><see cref="ConversationItemStatus.InProgress"/>, <see cref="ConversationItemStatus.Completed"/> or <see cref="ConversationItemStatus.Incomplete"/>.</summary>
    public string Status { get; } = status ?? throw new ArgumentNullException(nameof(status));
}
