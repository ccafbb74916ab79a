namespace Voxgate.Server.Relay;

/// <summary>Something went wrong, in words a person understands; the call may go on.</summary>
internal sealed record CallErrorEvent(string Code, string Message) : CallEvent;
