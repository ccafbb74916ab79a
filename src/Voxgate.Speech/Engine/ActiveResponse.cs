using Microsoft.Extensions.AI;

namespace Voxgate.Speech.Engine;

/// <summary>The response in progress: how it was asked for, its worker, and the output items it has opened so far.</summary>
internal sealed class ActiveResponse(string id, bool audio, bool inConversation, CancellationTokenSource cts)
{
    public string Id { get; } = id;

    public bool Audio { get; } = audio;

    /// <summary>False for out-of-band responses (<c>conversation: "none"</c>): their items stay out of the conversation.</summary>
    public bool InConversation { get; } = inConversation;

    public CancellationTokenSource Cts { get; } = cts;

    public Task Task { get; set; } = Task.CompletedTask;

    /// <summary>The format its audio is produced in (the session's, unless the request chose another).</summary>
    public SessionAudioFormat Format { get; init; } = SessionAudioFormat.Default;

    /// <summary>The flite voice it speaks with.</summary>
    public required string Voice { get; init; }

    public int? MaxOutputTokens { get; init; }

    /// <summary>The session clock when it started: its audio plays from here.</summary>
    public long StartClockMs { get; init; }

    /// <summary>The client's metadata from the request, echoed on every response message.</summary>
    public AdditionalPropertiesDictionary? Metadata { get; init; }

    public List<ConversationItem> Output { get; } = [];

    /// <summary>The assistant message being spoken, if any.</summary>
    public ConversationItem? Message { get; set; }

    /// <summary>The sentence being spoken: its text and where its audio began.</summary>
    public (string Text, long StartMs)? OpenSegment { get; set; }

    public int OutputWords { get; set; }

    /// <summary>Set once the response has produced a tool call; a response.create for the result may race its end.</summary>
    public bool CalledFunction { get; set; }
}
