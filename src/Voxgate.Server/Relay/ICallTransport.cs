using Microsoft.Extensions.AI;
using Voxgate.Realtime.Abstractions;
using Voxgate.Server.Relay.Policy;

namespace Voxgate.Server.Relay;

/// <summary>
/// One caller's connection, whatever its wire (the browser's binary PCM16 and JSON, a phone carrier's µ-law JSON): it
/// reads caller audio and control, writes agent audio and events, flushes playback on barge-in, and reports how much
/// the caller has heard. The relay reads from one pump and writes from its one loop; a transport queues what it writes.
/// </summary>
internal interface ICallTransport
{
    /// <summary>The transport's name for records and <c>session.ready</c>: <c>browser</c>, <c>twilio</c>…</summary>
    string Name { get; }

    /// <summary>The audio the caller sends and hears; the upstream session is configured in it.</summary>
    RealtimeAudioFormat AudioFormat { get; }

    /// <summary>How what the caller heard is decided for a barge-in: the browser's reports or the clock, or a carrier's confirmations only.</summary>
    PlaybackRule PlaybackRule { get; }

    /// <summary>Reads the next input; never throws for a broken connection (that is <see cref="CallerInputKind.HungUp"/>).</summary>
    ValueTask<CallerInput> ReadAsync();

    /// <summary>Queues agent audio of <paramref name="itemId"/>, taking ownership of its buffer; false when the caller is too slow to take it.</summary>
    bool TrySendAudio(OutputAudioDeltaRealtimeServerMessage audio, string itemId);

    /// <summary>Queues an event for the caller; false when the caller is too slow to take it.</summary>
    bool TrySend(CallEvent callEvent);

    /// <summary>Barge-in: drops <paramref name="itemId"/>'s audio not yet sent and stops the caller's playback at <paramref name="playedMs"/>.</summary>
    void Flush(string itemId, long playedMs);

    /// <summary>Sends what is queued, tells the caller why the call ended, and closes; returns the close code used, if the wire has one.</summary>
    Task<int?> CloseAsync(CallResult result);

    /// <summary>Drops the connection at once (a caller that does not answer the close).</summary>
    void Abort();
}
