using Microsoft.Extensions.AI;

namespace Voxgate.Realtime.Abstractions;

/// <summary>
/// The session announced (<see cref="RealtimeMessageTypes.SessionCreated"/>) or reconfigured
/// (<see cref="RealtimeMessageTypes.SessionUpdated"/>), with the configuration now in force: the model, voice, formats,
/// turn detection and transcription model the session really uses, not those asked for.
/// </summary>
public sealed class SessionRealtimeServerMessage : RealtimeServerMessage
{
    public SessionRealtimeServerMessage(RealtimeServerMessageType type, string sessionId, RealtimeSessionOptions options)
    {
        Type = type;
        SessionId = sessionId ?? throw new ArgumentNullException(nameof(sessionId));
        Options = options ?? throw new ArgumentNullException(nameof(options));
    }

    /// <summary>The session's id (<c>sess_…</c>).</summary>
    public string SessionId { get; }

    /// <summary>The effective configuration.</summary>
    public RealtimeSessionOptions Options { get; }

    /// <summary>When the session will be ended by its maximum duration, if it has one.</summary>
    public DateTimeOffset? ExpiresAt { get; init; }
}
