using System.Text.Json.Nodes;

namespace Voxgate.Realtime.Protocol;

/// <summary>A server event on its way to the wire: its name and its fields, without <c>type</c> and <c>event_id</c>.</summary>
/// <param name="Type">The event name in the connection's dialect.</param>
/// <param name="Fields">The fields; may belong to the upstream, so never mutated (a dialect that changes them clones first).</param>
/// <param name="EventId">The server's <c>event_id</c>, or null to make one.</param>
public readonly record struct WireEvent(string Type, JsonObject? Fields, string? EventId = null);
