using Microsoft.Extensions.AI;
using Voxgate.Realtime.Abstractions;

namespace Voxgate.Speech.Engine;

/// <summary>
/// A session's conversation and what can be done to its items: adding (by the caller's turns, the client or a
/// response), truncating, deleting and retrieving, each reported as the typed message OpenAI's server sends.
/// </summary>
internal sealed class SessionConversation
{
    private readonly Conversation _items;
    private readonly SessionOutput _output;

    public SessionConversation(int maxItems, SessionOutput output)
    {
        _items = new Conversation(maxItems);
        _output = output;
    }

    /// <summary>The conversation's id, <c>conv_…</c>: responses that join it name it.</summary>
    public string Id { get; } = RealtimeIds.Conversation();

    public string? LastItemId => _items.LastItemId;

    public ConversationItem? Find(string id) => _items.Find(id);

    /// <summary>The conversation (or <paramref name="items"/> in its place) as chat history for the brain.</summary>
    public List<ChatMessage> ToChatMessages(string? instructions, IEnumerable<ConversationItem>? items = null) => _items.ToChatMessages(instructions, items);

    /// <summary>The conversation as chat history once <paramref name="next"/> (a turn not yet committed) has joined it.</summary>
    public List<ChatMessage> ToChatMessagesAfter(ConversationItem next, string? instructions) => _items.ToChatMessagesAfter(next, instructions);

    /// <summary>
    /// Appends an item made by the session (a committed turn, a response's output) and reports it added, and done
    /// when <paramref name="done"/>; then any old items the limit pushed out.
    /// </summary>
    public void Append(ConversationItem item, bool done)
    {
        _items.TryAdd(item, null, out _);
        Announce(item, done);
    }

    /// <summary>Reports an item finished (<see cref="RealtimeServerMessageType.ConversationItemDone"/>).</summary>
    public void Done(ConversationItem item)
        => _output.Emit(new ConversationItemRealtimeServerMessage(RealtimeServerMessageType.ConversationItemDone, ConversationItemConverter.ToSnapshot(item), _items.PreviousIdOf(item.Id)));

    /// <summary>
    /// Adds a client's item, at the end or (<see cref="InsertConversationItemRealtimeClientMessage"/>) after the item it
    /// names. Returns the item, with <paramref name="audio"/> set when it holds speech still to be transcribed; null
    /// after reporting why it was refused.
    /// </summary>
    public ConversationItem? Create(CreateConversationItemRealtimeClientMessage create, out DataContent? audio)
    {
        audio = null;
        string? eventId = create.MessageId;
        if (create.Item is not { } requested)
        {
            _output.Error(RealtimeErrorCodes.MissingRequiredParameter, "Missing required parameter: 'item'.", "item", eventId);
            return null;
        }

        bool hadImages = ReportImages(requested, "item", eventId);
        if (ConversationItemConverter.FromRealtime(requested) is not { } item)
        {
            if (!hadImages)
            {
                _output.Error(RealtimeErrorCodes.InvalidValue, "The item has no content the local engine understands (text, audio, function_call or function_call_output).", "item", eventId);
            }

            return null;
        }

        string? previousItemId = (create as InsertConversationItemRealtimeClientMessage)?.PreviousItemId;
        if (!_items.TryAdd(item, previousItemId, out string? error))
        {
            _output.Error(RealtimeErrorCodes.InvalidValue, error!, error!.StartsWith("Previous", StringComparison.Ordinal) ? "previous_item_id" : "item.id", eventId);
            return null;
        }

        Announce(item, done: true);
        audio = item.IsAudio ? requested.Contents.OfType<DataContent>().FirstOrDefault(c => c.HasTopLevelMediaType("audio")) : null;
        return item;
    }

    /// <summary>
    /// The items a response is to be generated from (<c>response.input</c>): references resolved to the conversation's
    /// items, images reported and left out. False, after reporting why, when a reference names no item.
    /// </summary>
    public bool TryResolve(IList<RealtimeConversationItem> requested, string path, string? eventId, out List<ConversationItem> items)
    {
        items = [];
        for (int i = 0; i < requested.Count; i++)
        {
            RealtimeConversationItem item = requested[i];
            if (item is ConversationItemReference reference)
            {
                if (_items.Find(reference.Id!) is not { } found)
                {
                    _output.Error(RealtimeErrorCodes.InvalidValue, $"Item with item_id '{reference.Id}' not found.", $"{path}[{i}].id", eventId);
                    return false;
                }

                items.Add(found);
                continue;
            }

            ReportImages(item, $"{path}[{i}]", eventId);
            if (ConversationItemConverter.FromRealtime(item) is { } converted)
            {
                items.Add(converted);
            }
        }

        return true;
    }

    /// <summary>The assistant message a truncate names, or null after reporting why it cannot be truncated.</summary>
    public ConversationItem? FindTruncatable(ConversationItemTruncateRealtimeClientMessage truncate)
    {
        string? eventId = truncate.MessageId;
        if (Lookup(truncate.ItemId, RealtimeErrorCodes.TruncatedItemNotFound, eventId) is not { } item)
        {
            return null;
        }

        if (item.Kind != ConversationItemKind.Message || item.Role != ChatRole.Assistant)
        {
            _output.Error(RealtimeErrorCodes.InvalidValue, "Only assistant messages can be truncated.", "item_id", eventId);
            return null;
        }

        if (truncate.AudioEndMs < 0)
        {
            _output.Error(RealtimeErrorCodes.IntegerBelowMinValue, $"Invalid 'audio_end_ms': integer below minimum value. Expected a value >= 0, but got {truncate.AudioEndMs} instead.", "audio_end_ms", eventId);
            return null;
        }

        return item;
    }

    /// <summary>Cuts an assistant message back to what was heard: its audio, and its transcript to the words spoken by then.</summary>
    public void Truncate(ConversationItem item, ConversationItemTruncateRealtimeClientMessage truncate)
    {
        if (truncate.AudioEndMs > item.AudioMs)
        {
            _output.Error(RealtimeErrorCodes.InvalidValue, $"Audio content of {item.AudioMs}ms is already shorter than {truncate.AudioEndMs}ms", "audio_end_ms", truncate.MessageId);
            return;
        }

        item.Truncate(truncate.AudioEndMs);
        _output.Emit(new ConversationItemTruncatedRealtimeServerMessage(item.Id, truncate.AudioEndMs));
    }

    public void Delete(ConversationItemDeleteRealtimeClientMessage delete)
    {
        if (Lookup(delete.ItemId, RealtimeErrorCodes.DeletedItemNotFound, delete.MessageId) is { } item)
        {
            _items.Remove(item.Id);
            _output.Emit(new ConversationItemDeletedRealtimeServerMessage(item.Id));
        }
    }

    public void Retrieve(ConversationItemRetrieveRealtimeClientMessage retrieve)
    {
        if (Lookup(retrieve.ItemId, RealtimeErrorCodes.RetrievedItemNotFound, retrieve.MessageId) is { } item)
        {
            _output.Emit(new ConversationItemRealtimeServerMessage(RealtimeMessageTypes.ConversationItemRetrieved, ConversationItemConverter.ToSnapshot(item), _items.PreviousIdOf(item.Id)));
        }
    }

    private void Announce(ConversationItem item, bool done)
    {
        string? previous = _items.PreviousIdOf(item.Id);
        ConversationItemSnapshot snapshot = ConversationItemConverter.ToSnapshot(item);
        _output.Emit(new ConversationItemRealtimeServerMessage(RealtimeServerMessageType.ConversationItemAdded, snapshot, previous));
        if (done)
        {
            _output.Emit(new ConversationItemRealtimeServerMessage(RealtimeServerMessageType.ConversationItemDone, snapshot, previous));
        }

        while (_items.TryTrimOldest(item.Id, out ConversationItem? trimmed))
        {
            _output.Emit(new ConversationItemDeletedRealtimeServerMessage(trimmed.Id));
        }
    }

    /// <summary>
    /// The engine cannot see: each image part is refused by its place (<c>item.content[1]</c>) and the rest of the
    /// item kept, as OpenAI answers a part a model does not support. True when there were any.
    /// </summary>
    private bool ReportImages(RealtimeConversationItem item, string path, string? eventId)
    {
        bool any = false;
        for (int i = 0; i < item.Contents.Count; i++)
        {
            if (item.Contents[i] is UriContent || (item.Contents[i] is DataContent data && data.HasTopLevelMediaType("image")))
            {
                any = true;
                _output.Error(RealtimeErrorCodes.InvalidValue, "The local engine cannot see images; the input_image part was left out and the rest of the item kept.", $"{path}.content[{i}]", eventId);
            }
        }

        return any;
    }

    /// <summary>
    /// The item an id names, or null after reporting it missing with the operation's own code
    /// (<see cref="RealtimeErrorCodes.TruncatedItemNotFound"/>…), which clients treat as a benign race rather than a failure.
    /// </summary>
    private ConversationItem? Lookup(string? id, string notFoundCode, string? eventId)
    {
        if (string.IsNullOrEmpty(id))
        {
            _output.Error(RealtimeErrorCodes.MissingRequiredParameter, "Missing required parameter: 'item_id'.", "item_id", eventId);
            return null;
        }

        ConversationItem? item = _items.Find(id);
        if (item is null)
        {
            _output.Error(notFoundCode, $"Item with item_id '{id}' not found.", "item_id", eventId);
        }

        return item;
    }
}
