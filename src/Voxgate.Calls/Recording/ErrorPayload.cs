using Voxgate.Calls.Records;

namespace Voxgate.Calls.Recording;

/// <summary>The payload of <see cref="RecorderCommandKind.Error"/>.</summary>
internal sealed record ErrorPayload(int Seq, CallErrorRecord Error);
