namespace Voxgate.Calls.Records;

/// <summary>An error reported during a call, at <paramref name="AtMs"/> on the call's clock.</summary>
public sealed record CallErrorRecord(long AtMs, string Code, string Message);
