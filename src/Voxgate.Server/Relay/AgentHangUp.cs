namespace Voxgate.Server.Relay;

/// <summary>
/// The agent's request to end its call, made by the <c>end_call</c> tool from whatever thread runs tools and carried
/// out by the call's relay once the agent's last words have been heard. One per call.
/// </summary>
internal sealed class AgentHangUp
{
    private Action? _onRequest;
    private int _requested;

    /// <summary>Whether the agent asked to hang up.</summary>
    public bool Requested => Volatile.Read(ref _requested) == 1;

    /// <summary>Asks the relay to hang up after the agent's last words; later requests change nothing.</summary>
    public void Request()
    {
        if (Interlocked.Exchange(ref _requested, 1) == 0)
        {
            Volatile.Read(ref _onRequest)?.Invoke();
        }
    }

    /// <summary>The relay's side: <paramref name="onRequest"/> runs once, at the request (at once if it was already made).</summary>
    public void Attach(Action onRequest)
    {
        Volatile.Write(ref _onRequest, onRequest);
        if (Requested)
        {
            onRequest();
        }
    }
}
