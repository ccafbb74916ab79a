using System.Text.Json.Serialization;
using Voxgate.Calls.Records;

namespace Voxgate.Server.Calls;

/// <summary>Source-generated JSON for the calls API (camelCase, the web default).</summary>
[JsonSourceGenerationOptions(System.Text.Json.JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(CallPage))]
[JsonSerializable(typeof(CallDetail))]
[JsonSerializable(typeof(AppointmentsPage))]
[JsonSerializable(typeof(RescoreResponse))]
internal sealed partial class CallsApiJsonContext : JsonSerializerContext;
