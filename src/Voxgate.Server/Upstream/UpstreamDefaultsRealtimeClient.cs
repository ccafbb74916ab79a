using Microsoft.Extensions.AI;
using Voxgate.Realtime.Abstractions;

namespace Voxgate.Server.Upstream;

/// <summary>Starts every session with the configured voice unless the caller names one.</summary>
internal sealed class UpstreamDefaultsRealtimeClient(IRealtimeClient inner, string voice) : DelegatingRealtimeClient(inner)
{
    public override Task<IRealtimeClientSession> CreateSessionAsync(RealtimeSessionOptions? options = null, CancellationToken cancellationToken = default)
    {
        if (options?.Voice is null)
        {
            options = options is null ? new ExtendedRealtimeSessionOptions { Voice = voice } : new ExtendedRealtimeSessionOptions(options) { Voice = voice };
        }

        return base.CreateSessionAsync(options, cancellationToken);
    }
}
