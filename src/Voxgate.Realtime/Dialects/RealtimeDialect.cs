using System.Text.Json.Nodes;
using Voxgate.Realtime.Protocol;

namespace Voxgate.Realtime.Dialects;

/// <summary>
/// One of the two shapes of the OpenAI Realtime protocol. The session relay speaks GA internally; a dialect is the single
/// boundary where a connection's own shape is translated: client events into GA on the way in, GA server events out.
/// </summary>
public abstract class RealtimeDialect
{
    /// <summary>The generally available protocol, as api.openai.com speaks it today.</summary>
    public static RealtimeDialect Ga { get; } = new GaDialect();

    /// <summary>The older beta protocol (<c>OpenAI-Beta: realtime=v1</c>) that the first tutorials and SDKs spoke.</summary>
    public static RealtimeDialect Beta { get; } = new BetaDialect();

    /// <summary><c>ga</c> or <c>beta</c>, for logs.</summary>
    public abstract string Name { get; }

    /// <summary>The name of the output audio delta event, written by the fast path.</summary>
    public abstract string AudioDeltaName { get; }

    /// <summary>Rewrites a client event (which the caller owns and may be changed) into its GA shape.</summary>
    public abstract JsonObject ToGaClientEvent(JsonObject clientEvent);

    /// <summary>Adds the events that stand for the GA event <paramref name="ga"/> in this dialect to <paramref name="output"/>.</summary>
    public abstract void FromGaServerEvent(WireEvent ga, List<WireEvent> output);
}
