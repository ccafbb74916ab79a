namespace Voxgate.Realtime.Abstractions;

/// <summary>The states of a <see cref="ConversationItemSnapshot"/>.</summary>
public static class ConversationItemStatus
{
    public const string InProgress = "in_progress";

    public const string Completed = "completed";

    /// <summary>Stopped before it was finished (an interrupted reply).</summary>
    public const string Incomplete = "incomplete";
}
