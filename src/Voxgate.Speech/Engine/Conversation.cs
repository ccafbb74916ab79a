using System.Text.Json;
using Microsoft.Extensions.AI;
using Voxgate.Realtime.Abstractions;

namespace Voxgate.Speech.Engine;

/// <summary>A session's conversation: items in order, found by id, and read back as chat history for the brain.</summary>
internal sealed class Conversation
{
    private readonly List<ConversationItem> _items = [];
    private readonly int _maxItems;

    public Conversation(int maxItems) => _maxItems = maxItems;

    public IReadOnlyList<ConversationItem> Items => _items;

    public string? LastItemId => _items.Count == 0 ? null : _items[^1].Id;

    public ConversationItem? Find(string id) => _items.Find(i => i.Id == id);

    /// <summary>Adds an item after <paramref name="previousItemId"/> (null: at the end; "root": at the start); see <see cref="TryTrimOldest"/>.</summary>
    public bool TryAdd(ConversationItem item, string? previousItemId, out string? error)
    {
        if (Find(item.Id) is not null)
        {
            error = $"Item '{item.Id}' already exists.";
            return false;
        }

        int index = _items.Count;
        if (previousItemId == InsertConversationItemRealtimeClientMessage.Root)
        {
            index = 0;
        }
        else if (previousItemId is not null)
        {
            int previous = _items.FindIndex(i => i.Id == previousItemId);
            if (previous < 0)
            {
                error = $"Previous item '{previousItemId}' does not exist.";
                return false;
            }

            index = previous + 1;
        }

        _items.Insert(index, item);
        error = null;
        return true;
    }

    /// <summary>
    /// Removes the oldest item while there are more than the limit, never <paramref name="keepId"/> (the item just
    /// added, which may be first); the caller reports each one removed.
    /// </summary>
    /// <remarks>Oldest items go first when a long session reaches its limit, as OpenAI's truncation does.</remarks>
    public bool TryTrimOldest(string keepId, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out ConversationItem? removed)
    {
        removed = null;
        if (_items.Count <= _maxItems)
        {
            return false;
        }

        int index = _items[0].Id == keepId ? 1 : 0;
        removed = _items[index];
        _items.RemoveAt(index);
        return true;
    }

    public string? PreviousIdOf(string id)
    {
        int index = _items.FindIndex(i => i.Id == id);
        return index > 0 ? _items[index - 1].Id : null;
    }

    public bool Remove(string id) => _items.RemoveAll(i => i.Id == id) > 0;

    /// <summary>The conversation as chat messages: instructions first, then every item with content.</summary>
    public List<ChatMessage> ToChatMessages(string? instructions, IEnumerable<ConversationItem>? items = null)
    {
        var messages = new List<ChatMessage>();
        if (!string.IsNullOrWhiteSpace(instructions))
        {
            messages.Add(new ChatMessage(ChatRole.System, instructions));
        }

        foreach (ConversationItem item in items ?? _items)
        {
            switch (item.Kind)
            {
                case ConversationItemKind.Message when !string.IsNullOrWhiteSpace(item.Text):
                    messages.Add(new ChatMessage(item.Role, item.Text));
                    break;
                case ConversationItemKind.FunctionCall:
                    messages.Add(new ChatMessage(ChatRole.Assistant, [new FunctionCallContent(item.CallId!, item.Name!, ParseArguments(item.Arguments))]));
                    break;
                case ConversationItemKind.FunctionCallOutput:
                    messages.Add(new ChatMessage(ChatRole.Tool, [new FunctionResultContent(item.CallId!, item.Output)]));
                    break;
            }
        }

        return messages;
    }

    /// <summary>
    /// The chat messages as they will be once <paramref name="next"/> is appended at the end: without the oldest items
    /// the limit will then push out (<see cref="TryTrimOldest"/>).
    /// </summary>
    public List<ChatMessage> ToChatMessagesAfter(ConversationItem next, string? instructions)
        => ToChatMessages(instructions, _items.Skip(Math.Max(0, _items.Count + 1 - _maxItems)).Append(next));

    internal static Dictionary<string, object?>? ParseArguments(string? json)
    {
        if (string.IsNullOrWhiteSpace(json))
        {
            return null;
        }

        try
        {
            using var document = JsonDocument.Parse(json);
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                return null;
            }

            var arguments = new Dictionary<string, object?>();
            foreach (JsonProperty property in document.RootElement.EnumerateObject())
            {
                arguments[property.Name] = property.Value.ValueKind switch
                {
                    JsonValueKind.String => property.Value.GetString(),
                    JsonValueKind.Number => property.Value.GetDouble(),
                    JsonValueKind.True => true,
                    JsonValueKind.False => false,
                    JsonValueKind.Null => null,
                    _ => property.Value.Clone(),
                };
            }

            return arguments;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
