namespace Voxgate.Calls.Recording;

/// <summary>What a recording hands the writer. A struct, so an audio frame costs the channel no allocation but its pooled copy.</summary>
internal readonly record struct RecorderCommand(
    RecorderCommandKind Kind,
    string CallId,
    byte[]? Audio = null,
    int Length = 0,
    int SampleRate = 0,
    long GapSamples = 0,
    string? ItemId = null,
    object? Payload = null);
