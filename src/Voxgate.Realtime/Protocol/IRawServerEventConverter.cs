using System.Text.Json.Nodes;

namespace Voxgate.Realtime.Protocol;

/// <summary>
/// Turns an upstream's own raw event object (a <see cref="Microsoft.Extensions.AI.RealtimeServerMessage.RawRepresentation"/>
/// that is neither JSON nor bytes, e.g. an SDK type) back into its GA wire JSON, so the endpoint can relay events
/// Microsoft.Extensions.AI has no type for. The host registers one for the SDKs it uses; this project knows none.
/// </summary>
public interface IRawServerEventConverter
{
    /// <summary>The full GA event (with <c>type</c>), or null if <paramref name="raw"/> is not a type this converter knows.</summary>
    JsonObject? ToWireEvent(object raw);
}
