using Voxgate.Calls.Recording;

namespace Voxgate.Calls;

/// <summary>
/// What a tool knows of the call it runs in: the call's id, the caller's phone number when the transport knows it
/// (a later telephony transport passes caller id), and the recording that tool calls are written to.
/// </summary>
/// <param name="CallId">The call's id, or null outside a call.</param>
/// <param name="CallerPhone">The caller's number (E.164), or null.</param>
/// <param name="Recording">Where tool calls are recorded, or null to record nothing.</param>
public sealed record CallContext(string? CallId, string? CallerPhone, ICallRecording? Recording)
{
    /// <summary>No call: tools run without a caller number and record nothing.</summary>
    public static CallContext None { get; } = new(null, null, null);
}
