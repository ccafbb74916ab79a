namespace Voxgate.Server.Relay;

/// <summary>Tool activity: the agent <c>called</c> a tool, or its result came back (<c>completed</c>).</summary>
internal sealed record ToolEvent(string? Name, string CallId, string? Arguments, string Status) : CallEvent
{
    public const string Called = "called";
    public const string Completed = "completed";
}
