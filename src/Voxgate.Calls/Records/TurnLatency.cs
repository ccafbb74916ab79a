namespace Voxgate.Calls.Records;

/// <summary>
/// How long the caller waited for an agent turn, each from the end of their speech: until their transcript was final,
/// until the first reply audio was sent, and until it was heard (the figure a caller feels). Null where unknown.
/// </summary>
public sealed record TurnLatency(long? TranscriptMs, long? SentMs, long? HeardMs);
