using Microsoft.Extensions.AI;

namespace Voxgate.Realtime.Protocol;

/// <summary>What one client frame became: a message for the session, or an error for the client.</summary>
public readonly struct ClientEvent
{
    private ClientEvent(RealtimeClientMessage? message, ProtocolError? error)
    {
        Message = message;
        Error = error;
    }

    /// <summary>The message to send to the session, when the event was good.</summary>
    public RealtimeClientMessage? Message { get; }

    /// <summary>The error to send back, when it was not.</summary>
    public ProtocolError? Error { get; }

    public static ClientEvent Ok(RealtimeClientMessage message) => new(message, null);

    public static ClientEvent Fail(ProtocolError error) => new(null, error);

    public static ClientEvent Fail(string code, string message, string? param, string? eventId) => new(null, new ProtocolError(code, message, param, eventId));
}
