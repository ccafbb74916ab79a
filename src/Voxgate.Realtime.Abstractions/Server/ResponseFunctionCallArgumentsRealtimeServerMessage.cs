using Microsoft.Extensions.AI;

namespace Voxgate.Realtime.Abstractions;

/// <summary>
/// The arguments of a tool call as the model writes them: a piece (<see cref="RealtimeMessageTypes.ResponseFunctionCallArgumentsDelta"/>)
/// or all of them (<see cref="RealtimeMessageTypes.ResponseFunctionCallArgumentsDone"/>, with the tool's name).
/// </summary>
public sealed class ResponseFunctionCallArgumentsRealtimeServerMessage : RealtimeServerMessage
{
    public ResponseFunctionCallArgumentsRealtimeServerMessage(RealtimeServerMessageType type, string callId, string arguments)
    {
        Type = type;
        CallId = callId ?? throw new ArgumentNullException(nameof(callId));
        Arguments = arguments ?? throw new ArgumentNullException(nameof(arguments));
    }

    public string? ResponseId { get; init; }

    public string? ItemId { get; init; }

    public int OutputIndex { get; init; }

    public string CallId { get; }

    /// <summary>The tool's name (on done).</summary>
    public string? Name { get; init; }

    /// <summary>The piece of JSON written (delta), or the whole arguments object as JSON text (done).</summary>
    public string Arguments { get; }
}
