using System.Diagnostics;

namespace Voxgate.Server.Benchmarking.Relay;

/// <summary>
/// The churn soak: N callers at a time connect, talk, hang up and start again for a while, through a gateway process,
/// sampling its memory, threads and open handles. A leak shows as growth between the first minute and the last.
/// </summary>
internal static class SoakTest
{
    public static async Task<IReadOnlyList<SoakSample>> RunAsync(GatewayProcess gateway, int concurrency, TimeSpan length, TimeSpan talk, TimeSpan every, Action<SoakSample> report, CancellationToken cancellationToken)
    {
        Uri ws = new UriBuilder(gateway.Address) { Scheme = "ws", Path = "/ws" }.Uri;
        SoakCaller[] callers = [.. Enumerable.Range(0, concurrency).Select(_ => new SoakCaller(ws, talk))];
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        long started = Stopwatch.GetTimestamp();
        Task[] running = [.. callers.Select(async (c, i) =>
        {
            // Staggered, so calls begin and end all the time rather than in waves.
            await Task.Delay(talk * i / concurrency, stop.Token).ConfigureAwait(false);
            await c.RunAsync(stop.Token).ConfigureAwait(false);
        })];

        var samples = new List<SoakSample>();
        while (Stopwatch.GetElapsedTime(started) < length)
        {
            await Task.Delay(every, cancellationToken).ConfigureAwait(false);
            var sample = new SoakSample(Stopwatch.GetElapsedTime(started).TotalMinutes, callers.Sum(c => c.Calls), callers.Sum(c => c.Failures),
                gateway.ResidentMb(), gateway.Threads(), gateway.Handles());
            samples.Add(sample);
            report(sample);
        }

        await stop.CancelAsync().ConfigureAwait(false);
        await Task.WhenAll(running).ContinueWith(static _ => { }, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default).ConfigureAwait(false);
        return samples;
    }
}
