using Microsoft.Extensions.AI;

namespace Voxgate.Realtime.Abstractions;

/// <summary>The service's rate limits after reserving a response's tokens.</summary>
public sealed class RateLimitsUpdatedRealtimeServerMessage : RealtimeServerMessage
{
    public RateLimitsUpdatedRealtimeServerMessage(IReadOnlyList<RealtimeRateLimit> limits)
    {
        Type = RealtimeMessageTypes.RateLimitsUpdated;
        Limits = limits ?? throw new ArgumentNullException(nameof(limits));
    }

    public IReadOnlyList<RealtimeRateLimit> Limits { get; }
}
