using System.Net.WebSockets;
using System.Text;
using BenchmarkDotNet.Attributes;
using Microsoft.Extensions.Logging.Abstractions;
using Voxgate.Realtime.Abstractions;
using Voxgate.Realtime.Client;
using Voxgate.Realtime.Protocol;
using Voxgate.Realtime.WebSockets;
using Voxgate.Server.Gateway;
using Voxgate.Server.Relay.Policy;

namespace Voxgate.Benchmarks;

/// <summary>
/// One relayed 20 ms frame each way through the relay's real classes over in-memory WebSockets (docs/benchmarks.md).
/// Inbound: the browser transport reads a frame, it becomes a reused append, and the upstream session encodes and
/// sends it. Outbound: the upstream's delta is read and decoded into a pooled buffer, the call policy counts it, and
/// the browser transport sends it and gives the buffer back.
/// </summary>
[MemoryDiagnoser]
public class RelayFrameBenchmarks
{
    private const int FrameBytes = 960;

    private BrowserTransport _transport = null!;
    private WebSocketRealtimeClientSession _upstream = null!;
    private ReusableAudioAppend _append = null!;
    private WebSocket _upstreamSocket = null!;
    private WebSocketMessageReader _upstreamFrames = null!;
    private ServerEventReader _reader = null!;
    private BargeIn _bargeIn = null!;

    [GlobalSetup]
    public void Setup()
    {
        byte[] pcm = [.. Enumerable.Range(0, FrameBytes).Select(i => (byte)(i * 7))];
        var options = new GatewayOptions();

        // The page's side: a client frame of PCM16 every read; what the transport sends back vanishes.
        WebSocket page = WebSocket.CreateFromStream(new WebSocketFrames.Replay(WebSocketFrames.Encode(pcm, WebSocketMessageType.Binary, masked: true)), new WebSocketCreationOptions { IsServer = true });
        _transport = new BrowserTransport(page, options, TimeProvider.System);
        _append = new ReusableAudioAppend();

        // The upstream's side: a server frame with one output_audio.delta every read; what the session sends vanishes.
        string delta = $$"""{"type":"response.output_audio.delta","event_id":"event_1","response_id":"resp_1","item_id":"item_1","output_index":0,"content_index":0,"delta":"{{Convert.ToBase64String(pcm)}}"}""";
        _upstreamSocket = WebSocket.CreateFromStream(new WebSocketFrames.Replay(WebSocketFrames.Encode(Encoding.UTF8.GetBytes(delta), WebSocketMessageType.Text, masked: false)), new WebSocketCreationOptions { IsServer = false });
        _upstream = WebSocketRealtimeClientSession.Over(_upstreamSocket, new WebSocketRealtimeClientOptions(), NullLogger.Instance);
        _upstreamFrames = new WebSocketMessageReader(1024 * 1024);
        _reader = new ServerEventReader();
        _bargeIn = new BargeIn(TimeProvider.System, 48);
    }

    [Benchmark(Description = "caller → upstream: read, append, encode, send")]
    public async Task Inbound()
    {
        Server.Relay.CallerInput input = await _transport.ReadAsync().ConfigureAwait(false);
        await _upstream.SendAsync(_append.For(input.Audio, RealtimeAudioFormats.PcmMediaType)).ConfigureAwait(false);
    }

    [Benchmark(Description = "upstream → caller: read, decode, policy, send, release")]
    public async Task Outbound()
    {
        WebSocketMessage frame = await _upstreamFrames.ReadAsync(_upstreamSocket, CancellationToken.None).ConfigureAwait(false);
        var audio = (OutputAudioDeltaRealtimeServerMessage)_reader.Read(frame.Payload.Span)!;
        _bargeIn.OnAudio(audio.ItemId!, audio.Data.Length);
        _transport.TrySendAudio(audio, audio.ItemId!);
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _transport.Dispose();
        _upstreamFrames.Dispose();
    }
}
