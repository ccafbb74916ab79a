using System.ClientModel.Primitives;
using System.Text.Json.Nodes;
using OpenAI;
using OpenAI.Realtime;
using Voxgate.Realtime.Protocol;

namespace Voxgate.Server.Upstream;

/// <summary>
/// Gives back the GA wire JSON of the OpenAI SDK's server updates, which a remote upstream attaches as raw
/// representations, so <c>/v1/realtime</c> can relay events Microsoft.Extensions.AI has no type for.
/// </summary>
internal sealed class OpenAIRawServerEventConverter : IRawServerEventConverter
{
    public JsonObject? ToWireEvent(object raw)
        => raw is RealtimeServerUpdate update ? JsonNode.Parse(ModelReaderWriter.Write(update, ModelReaderWriterOptions.Json, OpenAIContext.Default).ToMemory().Span) as JsonObject : null;
}
