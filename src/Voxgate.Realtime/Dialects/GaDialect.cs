using System.Text.Json.Nodes;
using Voxgate.Realtime.Protocol;

namespace Voxgate.Realtime.Dialects;

/// <summary>The GA protocol: what the relay speaks already, so nothing changes.</summary>
internal sealed class GaDialect : RealtimeDialect
{
    public override string Name => "ga";

    public override string AudioDeltaName => RealtimeEventNames.OutputAudioDelta;

    public override JsonObject ToGaClientEvent(JsonObject clientEvent) => clientEvent;

    public override void FromGaServerEvent(WireEvent ga, List<WireEvent> output)
    {
        ArgumentNullException.ThrowIfNull(output);
        output.Add(ga);
    }
}
