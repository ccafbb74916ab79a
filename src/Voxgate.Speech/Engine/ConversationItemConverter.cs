using System.Text.Json;
using Microsoft.Extensions.AI;
using Voxgate.Realtime.Abstractions;

namespace Voxgate.Speech.Engine;

/// <summary>Engine items to and from the Microsoft.Extensions.AI items that cross the session's seam.</summary>
internal static class ConversationItemConverter
{
    /// <summary>
    /// The item as the session reports it now: a message holds its text or, for audio, its transcript (the caller's
    /// is null until recognised); a tool call or result holds that.
    /// </summary>
    public static ConversationItemSnapshot ToSnapshot(ConversationItem item)
    {
        List<AIContent> contents = item.Kind switch
        {
            ConversationItemKind.FunctionCall => [new FunctionCallContent(item.CallId!, item.Name!, Conversation.ParseArguments(item.Arguments))],
            ConversationItemKind.FunctionCallOutput => [new FunctionResultContent(item.CallId!, item.Output ?? string.Empty)],
            _ when item.IsAudio => [new AudioTranscriptContent(item.Role == ChatRole.Assistant ? item.Text ?? string.Empty : item.Text)],
            _ => [new TextContent(item.Text ?? string.Empty)],
        };
        return new ConversationItemSnapshot(contents, item.Id, item.Role, item.Status);
    }

    /// <summary>Reads a client's item as an engine item, or null if it has nothing the engine can use.</summary>
    public static ConversationItem? FromRealtime(RealtimeConversationItem requested)
    {
        string id = string.IsNullOrEmpty(requested.Id) ? RealtimeIds.Item() : requested.Id;
        foreach (AIContent content in requested.Contents)
        {
            switch (content)
            {
                case FunctionResultContent result:
                    return new ConversationItem
                    {
                        Id = id,
                        Kind = ConversationItemKind.FunctionCallOutput,
                        Role = ChatRole.Tool,
                        CallId = result.CallId,
                        Output = result.Result switch
                        {
                            null => string.Empty,
                            string s => s,
                            JsonElement element => element.GetRawText(),
                            object other => other.ToString(),
                        },
                    };
                case FunctionCallContent call:
                    return new ConversationItem
                    {
                        Id = id,
                        Kind = ConversationItemKind.FunctionCall,
                        Role = ChatRole.Assistant,
                        CallId = call.CallId,
                        Name = call.Name,
                        Arguments = JsonSerializer.Serialize(call.Arguments ?? new Dictionary<string, object?>(), EngineJsonContext.Default.IDictionaryStringObject),
                    };
                case DataContent data when data.HasTopLevelMediaType("audio"):
                    return new ConversationItem { Id = id, Kind = ConversationItemKind.Message, Role = requested.Role ?? ChatRole.User, IsAudio = true };
                case AudioTranscriptContent spoken:
                    // An item as a session reported it, handed back (for example as a response's input).
                    return new ConversationItem { Id = id, Kind = ConversationItemKind.Message, Role = requested.Role ?? ChatRole.User, IsAudio = true, Text = spoken.Transcript };
            }
        }

        return requested.Contents.OfType<TextContent>().Any()
            ? new ConversationItem { Id = id, Kind = ConversationItemKind.Message, Role = requested.Role ?? ChatRole.User, Text = string.Concat(requested.Contents.OfType<TextContent>().Select(t => t.Text)) }
            : null;
    }
}
