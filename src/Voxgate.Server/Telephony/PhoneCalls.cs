using System.Net.WebSockets;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Options;
using Voxgate.Calls.Appointments;
using Voxgate.Calls.Recording;
using Voxgate.Server.Gateway;
using Voxgate.Server.Relay;
using Voxgate.Server.Telemetry;
using Voxgate.Server.Upstream;

namespace Voxgate.Server.Telephony;

/// <summary>
/// Runs phone calls, whichever carrier they come from: capacity, the stream's start, the call record (with the caller's
/// number), the agent's tools (the appointment tools and <c>end_call</c>) and the relay. The carriers' endpoints check
/// who is calling and hand the request here.
/// </summary>
internal sealed class PhoneCalls(
    IRealtimeClient upstream,
    UpstreamInfo upstreamInfo,
    CallRecorder recorder,
    AppointmentTools appointments,
    IOptions<GatewayOptions> gateway,
    IOptions<TelephonyOptions> telephony,
    ILoggerFactory loggers,
    TimeProvider time,
    CallDrain drain,
    RelayMetrics metrics)
{
    private readonly ILogger _logger = loggers.CreateLogger("Voxgate.Telephony");
    private int _open;

    /// <summary>Phone calls open now.</summary>
    public int Open => Volatile.Read(ref _open);

    /// <summary>Upgrades <paramref name="context"/> to the carrier's media stream and runs the call to its end.</summary>
    public async Task RunAsync(HttpContext context, ICarrierWire wire)
    {
        TelephonyOptions settings = telephony.Value;

        // Stopping: the carrier fails the stream over (nothing was upgraded yet) instead of a call cut mid-sentence.
        if (drain.IsDraining)
        {
            context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
            return;
        }

        if (Interlocked.Increment(ref _open) > settings.MaxCalls)
        {
            Interlocked.Decrement(ref _open);
            TelephonyLog.AtCapacity(_logger, wire.Name, settings.MaxCalls);
            metrics.AtCapacity(context.Request.Path.Value ?? wire.Name, wire.Name, upstreamInfo.Name);
            context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
            return;
        }

        try
        {
            using WebSocket socket = await context.WebSockets.AcceptWebSocketAsync(new WebSocketAcceptContext { KeepAliveInterval = TimeSpan.FromSeconds(15) }).ConfigureAwait(false);
            using var transport = new PhoneTransport(socket, wire, settings, time, _logger);
            (PhoneCallStart? start, string? problem) = await transport.StartAsync(settings.StartTimeout).ConfigureAwait(false);
            if (start is null)
            {
                TelephonyLog.NoStart(_logger, wire.Name, problem ?? "no start");
                return;
            }

            ICallRecording record = recorder.Begin(new CallStart(wire.Name, upstreamInfo.Name, upstreamInfo.Model, context.Connection.RemoteIpAddress, null, start.From));
            transport.CallId = record.CallId;
            TelephonyLog.Started(_logger, record.CallId, wire.Name, start.StreamId, start.CarrierCallId);

            var hangUp = new AgentHangUp();
            IReadOnlyList<AITool> tools = [.. appointments.For(record.Context), EndCallTool.Create(hangUp, record.Context)];
            CallSettings agent = GatewayEndpoints.CallSettingsFor(gateway.Value, tools);
            if (!string.IsNullOrWhiteSpace(settings.Instructions))
            {
                agent = agent with { Instructions = settings.Instructions };
            }

            var relay = new CallRelay(transport, record, upstream, upstreamInfo, agent,
                new CallLimits(settings.IdleTimeout, settings.MaxCallDuration, settings.KeypadGap), _logger, time, hangUp,
                metrics.Begin(context.Request.Path.Value ?? wire.Name, wire.Name, upstreamInfo.Name, record.CallId));
            await relay.RunAsync(drain.CallsMustEnd).ConfigureAwait(false);
        }
        finally
        {
            Interlocked.Decrement(ref _open);
        }
    }
}
