namespace Voxgate.Calls.Records;

/// <summary>One turn of a call, with times in milliseconds on the call's clock (0 = the call began).</summary>
/// <param name="Seq">The turn's place in the call, from 1.</param>
/// <param name="Role"><see cref="TurnRole.Caller"/> or <see cref="TurnRole.Agent"/>.</param>
/// <param name="ItemId">The upstream's conversation item, when it has one.</param>
/// <param name="Text">What was said (the final transcript).</param>
/// <param name="StartMs">When the turn began: speech start, or when the agent's audio began to play.</param>
/// <param name="EndMs">When it ended: speech end, or where the agent's audio stopped.</param>
/// <param name="Interrupted">Whether the caller cut the agent off.</param>
/// <param name="CutOffMs">How much of the agent's audio had played when it was cut off.</param>
/// <param name="Latency">For agent turns that answer the caller: the latency breakdown.</param>
public sealed record TurnRecord(
    int Seq, string Role, string? ItemId, string Text, long StartMs, long? EndMs, bool Interrupted, long? CutOffMs, TurnLatency? Latency);
