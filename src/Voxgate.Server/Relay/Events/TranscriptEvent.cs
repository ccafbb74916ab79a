namespace Voxgate.Server.Relay;

/// <summary>A final transcript of the caller's turn (<c>user</c>) or the agent's reply (<c>assistant</c>).</summary>
internal sealed record TranscriptEvent(string Role, string? ItemId, string Text) : CallEvent
{
    public const string User = "user";
    public const string Assistant = "assistant";
}
