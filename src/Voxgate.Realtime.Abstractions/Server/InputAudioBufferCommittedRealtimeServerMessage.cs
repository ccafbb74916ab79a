using Microsoft.Extensions.AI;

namespace Voxgate.Realtime.Abstractions;

/// <summary>The input audio buffer became a user item.</summary>
public sealed class InputAudioBufferCommittedRealtimeServerMessage : RealtimeServerMessage
{
    public InputAudioBufferCommittedRealtimeServerMessage(string itemId, string? previousItemId)
    {
        Type = RealtimeMessageTypes.InputAudioBufferCommitted;
        ItemId = itemId ?? throw new ArgumentNullException(nameof(itemId));
        PreviousItemId = previousItemId;
    }

    public string ItemId { get; }

    public string? PreviousItemId { get; }
}
