using System.Text.Json.Serialization;

namespace Voxgate.Server.Gateway;

/// <summary>Source-generated JSON for the gateway's typed documents.</summary>
[JsonSerializable(typeof(PageMessage))]
[JsonSerializable(typeof(SessionTokenResponse))]
internal sealed partial class GatewayJsonContext : JsonSerializerContext;
