using System.Diagnostics;

namespace Voxgate.Server.Benchmarking.Relay;

/// <summary>
/// N full-duplex <c>/ws</c> sessions on loopback through a gateway to the <see cref="Voxgate.Realtime.Echo.RealtimeEchoServer"/>: every session
/// sends a 20 ms frame each tick of one shared timer and times its echo. Two seconds of warm-up are not counted; after
/// the window, late echoes get a second to arrive before what is missing counts as lost.
/// </summary>
internal static class RelayLoadTest
{
    private const int ConnectBatch = 25;
    private static readonly TimeSpan Tick = TimeSpan.FromMilliseconds(20);
    private static readonly TimeSpan WarmUp = TimeSpan.FromSeconds(2);
    private static readonly TimeSpan Drain = TimeSpan.FromSeconds(1);

    public static async Task<RelayLoadResult> RunAsync(GatewayProcess gateway, int sessions, TimeSpan duration, CancellationToken cancellationToken)
    {
        double idleMb = gateway.ResidentMb();
        var histogram = new RoundTripHistogram();
        var clients = new List<RelayClient>(sessions);
        try
        {
            Uri ws = new UriBuilder(gateway.Address) { Scheme = "ws", Path = "/ws" }.Uri;
            while (clients.Count < sessions)
            {
                RelayClient[] batch = [.. Enumerable.Range(0, Math.Min(ConnectBatch, sessions - clients.Count)).Select(_ => new RelayClient(histogram))];
                clients.AddRange(batch);
                await Task.WhenAll(batch.Select(c => c.ConnectAsync(ws, cancellationToken))).ConfigureAwait(false);
            }

            using var timer = new PeriodicTimer(Tick);
            long sequence = 0;
            sequence = await TickAsync(timer, clients, WarmUp, sequence, cancellationToken).ConfigureAwait(false);
            foreach (RelayClient client in clients)
            {
                client.Recording = true;
            }

            TimeSpan cpuBefore = gateway.CpuTime();
            long started = Stopwatch.GetTimestamp();
            await TickAsync(timer, clients, duration, sequence, cancellationToken).ConfigureAwait(false);
            double seconds = Stopwatch.GetElapsedTime(started).TotalSeconds;
            double cores = (gateway.CpuTime() - cpuBefore).TotalSeconds / seconds;
            double loadedMb = gateway.ResidentMb();

            long drainStart = Stopwatch.GetTimestamp();
            while (clients.Sum(c => c.Sent - c.Received) > 0 && Stopwatch.GetElapsedTime(drainStart) < Drain)
            {
                await Task.Delay(20, cancellationToken).ConfigureAwait(false);
            }

            long sent = clients.Sum(c => c.Sent);
            long lost = Math.Max(0, sent - clients.Sum(c => c.Received));
            return new RelayLoadResult(sessions, seconds, sent, lost, histogram.Quantile(0.50), histogram.Quantile(0.95), histogram.Quantile(0.99), histogram.Max(),
                cores, loadedMb, (loadedMb - idleMb) * 1024 / sessions, clients.Sum(c => c.Stalled));
        }
        finally
        {
            await Task.WhenAll(clients.Select(c => c.DisposeAsync().AsTask())).ConfigureAwait(false);

            // Let the gateway let go of the sessions before the next point measures its idle memory.
            await Task.Delay(TimeSpan.FromSeconds(1), CancellationToken.None).ConfigureAwait(false);
        }
    }

    private static async Task<long> TickAsync(PeriodicTimer timer, List<RelayClient> clients, TimeSpan length, long sequence, CancellationToken cancellationToken)
    {
        long start = Stopwatch.GetTimestamp();
        while (Stopwatch.GetElapsedTime(start) < length && await timer.WaitForNextTickAsync(cancellationToken).ConfigureAwait(false))
        {
            sequence++;
            foreach (RelayClient client in clients)
            {
                client.Tick(sequence);
            }
        }

        return sequence;
    }
}
