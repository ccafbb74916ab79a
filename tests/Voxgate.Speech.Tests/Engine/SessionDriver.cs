using System.Runtime.InteropServices;
using Microsoft.Extensions.AI;
using Voxgate.Realtime.Abstractions;
using Voxgate.Testing;

namespace Voxgate.Speech.Tests.Engine;

/// <summary>
/// Drives a realtime session as a client would: streams audio in 20 ms frames (faster than real time), records
/// every server message, and waits for the ones a test expects.
/// </summary>
internal sealed class SessionDriver : IAsyncDisposable
{
    private static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(30);

    private readonly EventLog<RealtimeServerMessage> _log = new();
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _reader;

    private SessionDriver(IRealtimeClientSession session)
    {
        Session = session;
        _reader = Task.Run(ReadAsync);
    }

    public IRealtimeClientSession Session { get; }

    public int Rate { get; init; } = 24000;

    public IReadOnlyList<RealtimeServerMessage> Messages => _log.Items;

    public static async Task<SessionDriver> StartAsync(IRealtimeClient client, RealtimeSessionOptions? options = null)
        => new(await client.CreateSessionAsync(options));

    public static string TypeOf(RealtimeServerMessage message) => message.Type.Value;

    /// <summary>
    /// Whether <paramref name="message"/> is a response.done whose own reply says <paramref name="text"/>: waiting on the
    /// message itself, not on the latest transcript, which a later response may have written before this one is done.
    /// </summary>
    public static bool IsResponseDoneSaying(RealtimeServerMessage message, string text)
        => message is ResponseCreatedRealtimeServerMessage { Type: var type, Items: { } items } && type == RealtimeServerMessageType.ResponseDone
            && items.SelectMany(item => item.Contents).OfType<AudioTranscriptContent>()
                .Any(said => said.Transcript?.Contains(text, StringComparison.OrdinalIgnoreCase) == true);

    /// <summary>Streams samples in 20 ms PCM16 frames, as a microphone would, but without waiting.</summary>
    public async Task SendAudioAsync(short[] samples, string mediaType = "audio/pcm")
    {
        int frame = Rate / 50;
        for (int offset = 0; offset < samples.Length; offset += frame)
        {
            int n = Math.Min(frame, samples.Length - offset);
            byte[] bytes = MemoryMarshal.AsBytes(samples.AsSpan(offset, n)).ToArray();
            await Session.SendAsync(new InputAudioBufferAppendRealtimeClientMessage(new DataContent(bytes, mediaType)));
        }
    }

    public Task SendSilenceAsync(int milliseconds) => SendAudioAsync(new short[Rate * milliseconds / 1000]);

    /// <summary>Sends silence in slices until <paramref name="until"/> is seen (the session's clock moves with the audio).</summary>
    public async Task<RealtimeServerMessage> SendSilenceUntilAsync(Func<RealtimeServerMessage, bool> until, int maxMilliseconds = 20_000, int from = 0)
    {
        for (int sent = 0; sent <= maxMilliseconds; sent += 100)
        {
            if (Find(until, from) is { } found)
            {
                return found;
            }

            await SendSilenceAsync(100);
            await Task.Delay(2);
        }

        // The session clock goes on at wall speed once the feeding stops, so a slow machine only needs longer.
        return await WaitForAsync(until, from, TimeSpan.FromSeconds(30));
    }

    public RealtimeServerMessage? Find(Func<RealtimeServerMessage, bool> predicate, int from = 0) => _log.Find(predicate, from);

    public Task<RealtimeServerMessage> WaitForAsync(Func<RealtimeServerMessage, bool> predicate, int from = 0, TimeSpan? timeout = null)
        => _log.WaitForAsync(predicate, from, timeout ?? DefaultTimeout, () => string.Join(", ", Messages.Select(TypeOf)));

    public Task<RealtimeServerMessage> WaitForTypeAsync(string type, int from = 0, TimeSpan? timeout = null)
        => WaitForAsync(m => TypeOf(m) == type, from, timeout);

    /// <summary>The audio deltas of a response, in order.</summary>
    public IReadOnlyList<OutputAudioDeltaRealtimeServerMessage> AudioDeltasOf(string responseId)
        => [.. Messages.OfType<OutputAudioDeltaRealtimeServerMessage>().Where(delta => delta.ResponseId == responseId)];

    /// <summary>All output audio of a response, in the session's output format.</summary>
    public byte[] AudioOf(string responseId)
    {
        var audio = new List<byte>();
        foreach (OutputAudioDeltaRealtimeServerMessage delta in AudioDeltasOf(responseId))
        {
            Assert.Equal(RealtimeServerMessageType.OutputAudioDelta, delta.Type);
            audio.AddRange(delta.Data.ToArray());
        }

        return [.. audio];
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await Session.DisposeAsync();
        try
        {
            await _reader;
        }
        catch (OperationCanceledException)
        {
        }

        _stop.Dispose();
    }

    private async Task ReadAsync()
    {
        try
        {
            await foreach (RealtimeServerMessage message in Session.GetStreamingResponseAsync(_stop.Token))
            {
                _log.Add(message);
            }
        }
        finally
        {
            _log.Wake();
        }
    }
}
