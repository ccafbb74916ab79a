using Microsoft.Extensions.AI;

namespace Voxgate.Realtime.Abstractions;

/// <summary>
/// A content part of a response's message opened (<see cref="RealtimeMessageTypes.ResponseContentPartAdded"/>) or
/// closed (<see cref="RealtimeMessageTypes.ResponseContentPartDone"/>). The part is an <see cref="AudioTranscriptContent"/>
/// for spoken output or a <see cref="TextContent"/> for text, holding the words so far.
/// </summary>
public sealed class ResponseContentPartRealtimeServerMessage : RealtimeServerMessage
{
    public ResponseContentPartRealtimeServerMessage(RealtimeServerMessageType type, AIContent part)
    {
        Type = type;
        Part = part ?? throw new ArgumentNullException(nameof(part));
    }

    public string? ResponseId { get; init; }

    public string? ItemId { get; init; }

    public int OutputIndex { get; init; }

    public int ContentIndex { get; init; }

    public AIContent Part { get; }
}
