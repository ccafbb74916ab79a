using Voxgate.Calls.Records;

namespace Voxgate.Calls.Recording;

/// <summary>The payload of <see cref="RecorderCommandKind.End"/>.</summary>
internal sealed record EndPayload(long EndedMs, string Reason, int? CloseCode, CallUsage Usage, IReadOnlyList<AgentSegment> Segments);
