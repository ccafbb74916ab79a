using System.Diagnostics.Metrics;
using System.Net.WebSockets;
using System.Text;
using BenchmarkDotNet.Attributes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using Voxgate.Realtime.Abstractions;
using Voxgate.Realtime.Client;
using Voxgate.Realtime.Protocol;
using Voxgate.Realtime.WebSockets;
using Voxgate.Server.Gateway;
using Voxgate.Server.Relay.Policy;
using Voxgate.Server.Telemetry;

namespace Voxgate.Benchmarks;

/// <summary>
/// One relayed 20 ms frame each way through the relay's real classes over in-memory WebSockets (docs/benchmarks.md).
/// Inbound: the browser transport reads a frame, it becomes a reused append, and the upstream session encodes and
/// sends it. Outbound: the upstream's delta is read and decoded into a pooled buffer, the call policy counts it, and
/// the browser transport sends it and gives the buffer back. Both count the frame as the relay does (frames, bytes, the
/// sampled relay latency) into the OpenTelemetry SDK with its Prometheus exporter listening, as in the server.
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
    private ServiceProvider _services = null!;
    private MeterProvider _meterProvider = null!;
    private CallTelemetry _telemetry = null!;

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

        // The server's metrics pipeline, and a call past its first turn (its sent latency recorded once, as in a call).
        _services = new ServiceCollection().AddMetrics().BuildServiceProvider();
        _meterProvider = Sdk.CreateMeterProviderBuilder().AddMeter(RelayMetrics.MeterName).AddPrometheusExporter().Build();
        _telemetry = new RelayMetrics(_services.GetRequiredService<IMeterFactory>()).Begin("/ws", "browser", "local", "call_bench");
        _telemetry.Started();
        _telemetry.TurnEnded();
        _telemetry.ResponseCreated();
    }

    [Benchmark(Description = "caller → upstream: read, append, encode, send")]
    public async Task Inbound()
    {
        Server.Relay.CallerInput input = await _transport.ReadAsync().ConfigureAwait(false);
        long sampled = _telemetry.CallerAudio(input.Audio.Length);
        await _upstream.SendAsync(_append.For(input.Audio, RealtimeAudioFormats.PcmMediaType)).ConfigureAwait(false);
        _telemetry.CallerAudioRelayed(sampled);
    }

    [Benchmark(Description = "upstream → caller: read, decode, policy, send, release")]
    public async Task Outbound()
    {
        WebSocketMessage frame = await _upstreamFrames.ReadAsync(_upstreamSocket, CancellationToken.None).ConfigureAwait(false);
        var audio = (OutputAudioDeltaRealtimeServerMessage)_reader.Read(frame.Payload.Span)!;
        _bargeIn.OnAudio(audio.ItemId!, audio.Data.Length);
        long sampled = _telemetry.AgentAudio(audio.ItemId!, audio.Data.Length);
        _transport.TrySendAudio(audio, audio.ItemId!);
        _telemetry.AgentAudioRelayed(sampled);
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _transport.Dispose();
        _upstreamFrames.Dispose();
        _meterProvider.Dispose();
        _services.Dispose();
    }
}
