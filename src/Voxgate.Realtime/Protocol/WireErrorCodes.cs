using Voxgate.Realtime.Abstractions;

namespace Voxgate.Realtime.Protocol;

/// <summary>
/// Voxgate's session-state error codes (<see cref="RealtimeErrorCodes"/>) in OpenAI's words and back: written on
/// <c>/v1/realtime</c>, read from a cloud upstream. Every other code passes unchanged either way.
/// </summary>
internal static class WireErrorCodes
{
    private static readonly (string Seam, string Wire)[] s_pairs =
    [
        (RealtimeErrorCodes.AudioBufferFull, "input_audio_buffer_full"),
        (RealtimeErrorCodes.AudioTooShortToCommit, "input_audio_buffer_commit_empty"),
        (RealtimeErrorCodes.NoResponseToCancel, "response_cancel_not_active"),
        (RealtimeErrorCodes.ResponseAlreadyActive, "conversation_already_has_active_response"),
        (RealtimeErrorCodes.TruncatedItemNotFound, "item_truncate_invalid_item_id"),
        (RealtimeErrorCodes.DeletedItemNotFound, "item_delete_invalid_item_id"),
        (RealtimeErrorCodes.RetrievedItemNotFound, "item_retrieve_invalid_item_id"),
    ];

    /// <summary>OpenAI's spellings of the codes mapped here, which no other project may write.</summary>
    public static IEnumerable<string> OpenAISpellings => s_pairs.Select(p => p.Wire);

    public static string? ToWire(string? code) => Find(code, wire: false) ?? code;

    public static string? FromWire(string? code) => Find(code, wire: true) ?? code;

    private static string? Find(string? code, bool wire)
    {
        foreach ((string seam, string onWire) in s_pairs)
        {
            if (string.Equals(code, wire ? onWire : seam, StringComparison.Ordinal))
            {
                return wire ? seam : onWire;
            }
        }

        return null;
    }
}
