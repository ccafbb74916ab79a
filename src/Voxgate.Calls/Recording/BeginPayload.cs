using Voxgate.Calls.Store;

namespace Voxgate.Calls.Recording;

/// <summary>The payload of <see cref="RecorderCommandKind.Begin"/>.</summary>
internal sealed record BeginPayload(NewCall Call, System.Net.IPAddress? Address, bool RecordAudio);
