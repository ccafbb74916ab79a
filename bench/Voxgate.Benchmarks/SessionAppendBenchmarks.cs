using BenchmarkDotNet.Attributes;
using Microsoft.Extensions.AI;
using Voxgate.Realtime.Abstractions;
using Voxgate.Speech;
using Voxgate.Speech.Brain;
using Voxgate.Speech.Engine;

namespace Voxgate.Benchmarks;

/// <summary>
/// One second of caller audio into a local engine session, in fifty 20 ms PCM16 appends from one reused buffer (as a
/// socket reader sends them), until the loop has analysed it all: the copy out of the caller's buffer, the
/// resampler and VAD. Allocated per op ÷ 50 is the cost of one append; the clear that ends each op adds one message.
/// </summary>
[MemoryDiagnoser]
public class SessionAppendBenchmarks
{
    private const int FramesPerSecond = 50;

    private readonly byte[] _frame = new byte[24000 / FramesPerSecond * 2];
    private LocalSpeechEngine _engine = null!;
    private IRealtimeClientSession _session = null!;
    private IAsyncEnumerator<RealtimeServerMessage> _messages = null!;
    private InputAudioBufferAppendRealtimeClientMessage _append = null!;

    [GlobalSetup]
    public void Setup()
    {
        _engine = new LocalSpeechEngine(new LocalEngineOptions { VadModelPath = SpeechFixtures.VadModelPath(), RecognizerPoolSize = 1 });
        var client = new LocalRealtimeClient(_engine, new ReceptionistChatClient());
        _session = client.CreateSessionAsync().GetAwaiter().GetResult();
        _messages = _session.GetStreamingResponseAsync().GetAsyncEnumerator();
        _append = new InputAudioBufferAppendRealtimeClientMessage(new DataContent(_frame, RealtimeAudioFormats.PcmMediaType));
        WaitFor<SessionRealtimeServerMessage>().GetAwaiter().GetResult();
    }

    [Benchmark]
    public async Task<int> OneSecondOfSilence()
    {
        for (int i = 0; i < FramesPerSecond; i++)
        {
            await _session.SendAsync(_append).ConfigureAwait(false);
        }

        // The clear is answered only after every append before it was processed.
        await _session.SendAsync(new InputAudioBufferClearRealtimeClientMessage()).ConfigureAwait(false);
        return await WaitFor<InputAudioBufferClearedRealtimeServerMessage>().ConfigureAwait(false);
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _messages.DisposeAsync().AsTask().GetAwaiter().GetResult();
        _session.DisposeAsync().AsTask().GetAwaiter().GetResult();
        _engine.Dispose();
    }

    private async Task<int> WaitFor<T>()
        where T : RealtimeServerMessage
    {
        int seen = 0;
        while (await _messages.MoveNextAsync().ConfigureAwait(false))
        {
            seen++;
            if (_messages.Current is T)
            {
                return seen;
            }
        }

        throw new InvalidOperationException("The session ended.");
    }
}
