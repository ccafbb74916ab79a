using Voxgate.Calls.Records;

namespace Voxgate.Calls.Recording;

/// <summary>The payload of <see cref="RecorderCommandKind.End"/>.</summary>
/// <param name="EndedMs">When the call ended on its own clock.</param>
/// <param name="EndedAtMs">When it ended in Unix milliseconds: taken at the end, not when written (a store outage may delay the write).</param>
/// <param name="Reason">Why it ended.</param>
/// <param name="CloseCode">The transport's close code, if it has one.</param>
/// <param name="Usage">Tokens the upstream reported.</param>
/// <param name="Segments">Where each agent item began to be heard and where it was cut.</param>
internal sealed record EndPayload(long EndedMs, long EndedAtMs, string Reason, int? CloseCode, CallUsage Usage, IReadOnlyList<AgentSegment> Segments);
