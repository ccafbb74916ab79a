namespace Voxgate.Server.Relay;

/// <summary>Tool activity: the agent <c>called</c> a tool, or its result came back (<c>completed</c>, with the result as JSON text).</summary>
internal sealed record ToolEvent(string? Name, string CallId, string? Arguments, string Status, string? Result = null) : CallEvent
{
    public const string Called = "called";
    public const string Completed = "completed";
}
