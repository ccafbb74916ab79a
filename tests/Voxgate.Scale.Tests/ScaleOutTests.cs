using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.WebSockets;
using System.Text.Json.Nodes;
using Dapper;
using Voxgate.Calls.Tests.TestSupport;
using Voxgate.Scale.Tests.TestSupport;
using Xunit.Abstractions;

namespace Voxgate.Scale.Tests;

/// <summary>
/// Voxgate on several machines, for real on loopback: Debian's nginx with deploy/nginx's configuration in front of two
/// <c>voxgate serve</c> processes that share one PostgreSQL (docs/deployment.md, "Several instances").
/// </summary>
public sealed class ScaleOutTests(PostgresServer postgres, ITestOutputHelper output) : IClassFixture<PostgresServer>
{
    private const int Calls = 40;
    private const int Wave = 10;

    [Fact]
    public async Task Forty_calls_through_nginx_spread_over_both_instances_into_one_store_that_either_lists_whole()
    {
        await using ScaleCluster cluster = await ScaleCluster.StartAsync(postgres);
        var clock = Stopwatch.StartNew();
        var ids = new List<string>();
        for (int wave = 0; wave < Calls / Wave; wave++)
        {
            ids.AddRange(await Task.WhenAll(Enumerable.Range(0, Wave).Select(_ => OneQuestionCallAsync(cluster))));
        }

        Report($"{Calls} calls through nginx, {Wave} at a time: {clock.Elapsed.TotalSeconds:F1} s");
        Assert.Equal(Calls, ids.Distinct().Count());

        // Spread: both instances took a fair share (least_conn with ten at a time gives about half each).
        Dictionary<string, int> taken = (await Task.WhenAll(ids.Select(cluster.InstanceOfAsync))).GroupBy(i => i).ToDictionary(g => g.Key, g => g.Count());
        Report($"calls per instance: {string.Join(", ", taken.Select(t => $"{t.Key} {t.Value}"))}");
        Assert.Equal(["scale-a", "scale-b"], taken.Keys.Order());
        Assert.All(taken.Values, n => Assert.InRange(n, Calls / 4, Calls * 3 / 4));

        // One store: every record ended normally, and each instance's API (and nginx's, with the admin token) lists all.
        await WaitForAsync(async () => await cluster.QueryAsync(c => c.ExecuteScalarAsync<long>(
            "SELECT COUNT(*) FROM calls WHERE ended_ms IS NOT NULL AND end_reason = 'client_closed' AND close_code = 1000")) == Calls, TimeSpan.FromSeconds(30));
        foreach (Uri api in (Uri[])[cluster.A.Address, cluster.B.Address, cluster.Nginx.Address])
        {
            (long total, HashSet<string> listed) = await cluster.ListCallsAsync(api);
            Assert.Equal(Calls, total);
            Assert.True(listed.SetEquals(ids), $"{api} lists other calls");
        }

        // A listing an instance left unanswered and nginx then took to the other one is answered, but is written down.
        foreach (string gaveUp in cluster.Nginx.ErrorLog.Split('\n').Where(l => l.Contains("timed out", StringComparison.Ordinal)))
        {
            Report($"nginx: {gaveUp}");
        }

        // nginx passed the page's Origin through: a page from another site is refused by whichever instance it reaches.
        var refused = await Assert.ThrowsAsync<WebSocketException>(() => cluster.CallAsync(origin: "https://elsewhere.example"));
        Assert.Contains("403", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Concurrent_bookings_from_both_instances_never_share_a_slot_or_a_reference()
    {
        await using ScaleCluster cluster = await ScaleCluster.StartAsync(postgres);
        DateOnly day = NextWeekday();
        string[] times = ["9 am", "10 am", "11 am", "1 pm", "2 pm", "3 pm", "4 pm", "4:30 pm"];
        string[] names = ["ada lovelace", "alan turing"];

        // Both engines warm (a first answer loads what a cold one would be slow at), so neither instance is handicapped.
        await Task.WhenAll(((VoxgateInstance[])[cluster.A, cluster.B]).Select(i => OneQuestionCallAsync(cluster, i)));

        // Sixteen callers: for each of eight slots, one caller on each instance. All connect, then all ask at once, the
        // first of each pair on A for half the slots and on B for the other half. Both usually find the slot free and ask
        // to confirm; both say yes at once, and the store gives the slot to one and refuses the other.
        var go = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var callers = Enumerable.Range(0, 16).Select(async i =>
        {
            int slot = i / 2;
            VoxgateInstance instance = (i + slot) % 2 == 0 ? cluster.A : cluster.B;
            await using LiveCall call = await cluster.CallAsync(instance.Address, origin: instance.Address.GetLeftPart(UriPartial.Authority));
            await go.Task;
            List<JsonObject> events = [.. await call.AskAsync($"i'd like to book an appointment on {day.DayOfWeek.ToString().ToLowerInvariant()} at {times[slot]} my name is {names[i % 2]}")];

            // The receptionist reads the free slot back and asks first; once that is heard, the caller says yes.
            if (events.Any(e => (string?)e["type"] == "transcript" && (string?)e["role"] == "assistant" && ((string?)e["text"])?.Contains("Shall I book", StringComparison.Ordinal) == true))
            {
                await call.HeardAsync(events);
                events.AddRange(await call.AskAsync("yes please"));
            }

            Assert.Equal(WebSocketCloseStatus.NormalClosure, await call.HangUpAsync());
            return (call.CallId, Events: events);
        }).ToList();
        await WaitForAsync(async () => await cluster.QueryAsync(c => c.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM calls WHERE ended_ms IS NULL")) == 16, TimeSpan.FromSeconds(60));
        var clock = Stopwatch.StartNew();
        go.SetResult();
        var calls = await Task.WhenAll(callers);
        Report($"16 concurrent booking calls, 8 on each instance: {clock.Elapsed.TotalSeconds:F1} s");

        // The tools' own results, as the callers' pages saw them: each success names a reference, each refusal says why.
        var results = calls.SelectMany(c => c.Events.Where(e => (string?)e["type"] == "tool" && (string?)e["name"] == "book_appointment" && e["result"] is not null)
            .Select(e => (c.CallId, Result: JsonNode.Parse((string)e["result"]!)!))).ToList();
        var booked = results.Where(r => (bool?)r.Result["booked"] == true).ToList();
        Assert.All(results.Where(r => (bool?)r.Result["booked"] != true), r => Assert.Equal("slot_taken", (string?)r.Result["error"]));

        var rows = (await cluster.QueryAsync(c => c.QueryAsync<(string Reference, string Day, string Time, string? CallId, string Instance)>(
            "SELECT a.reference, a.day, a.time, a.call_id, c.instance_id FROM appointments a JOIN calls c ON c.id = a.call_id WHERE a.status = 'booked' ORDER BY a.reference"))).ToList();
        Report($"booking attempts {results.Count}, booked {rows.Count}: {string.Join(", ", rows.Select(r => $"{r.Reference} {r.Time} by {r.Instance}"))}");
        string[] attempts = [.. (await Task.WhenAll(results.Select(r => cluster.InstanceOfAsync(r.CallId)))).Distinct().Order()];
        Report($"instances that tried to book: {string.Join(", ", attempts)}");

        // Both instances booked concurrently, and neither a slot nor a reference was given twice.
        Assert.Equal(["scale-a", "scale-b"], attempts);
        // Each slot was asked for by one caller on each instance: exactly one of them has it.
        Assert.Equal(times.Length, rows.Count);
        Assert.Equal(rows.Count, rows.Select(r => (r.Day, r.Time)).Distinct().Count());
        Assert.Equal(rows.Count, rows.Select(r => r.Reference).Distinct().Count());
        Assert.Equal(booked.Select(b => (string)b.Result["reference"]!).Order(), rows.Select(r => r.Reference).Order());

        // References are the day's counter in order, with no gap a refused booking could have left.
        string prefix = $"GB-{day:yyyyMMdd}-";
        Assert.Equal(Enumerable.Range(1, rows.Count).Select(n => prefix + n.ToString("000", CultureInfo.InvariantCulture)), rows.Select(r => r.Reference));
    }

    [Fact]
    public async Task A_session_token_minted_by_one_instance_is_accepted_by_the_other()
    {
        await using ScaleCluster cluster = await ScaleCluster.StartAsync(postgres);
        string token = await cluster.MintTokenAsync(cluster.A.Address);
        await using (LiveCall call = await cluster.CallAsync(cluster.B.Address, token))
        {
            Assert.Equal("scale-b", await cluster.InstanceOfAsync(call.CallId));
            Assert.Equal(WebSocketCloseStatus.NormalClosure, await call.HangUpAsync());
        }

        string other = await cluster.MintTokenAsync(cluster.B.Address);
        await using (LiveCall call = await cluster.CallAsync(cluster.A.Address, other))
        {
            Assert.Equal("scale-a", await cluster.InstanceOfAsync(call.CallId));
        }

        // A token neither signed is refused before the upgrade.
        string forged = token[..^4] + (token.EndsWith("AAAA", StringComparison.Ordinal) ? "BBBB" : "AAAA");
        var refused = await Assert.ThrowsAsync<WebSocketException>(() => cluster.CallAsync(cluster.B.Address, forged));
        Assert.Contains("401", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SIGTERM_drains_an_instance_its_calls_finish_and_new_calls_go_to_the_other()
    {
        await using ScaleCluster cluster = await ScaleCluster.StartAsync(postgres);
        List<LiveCall> open = [.. await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => cluster.CallAsync()))];
        try
        {
            string[] on = await Task.WhenAll(open.Select(c => cluster.InstanceOfAsync(c.CallId)));
            Assert.Contains("scale-a", on);
            Assert.Contains("scale-b", on);
            List<LiveCall> draining = [.. open.Where((_, i) => on[i] == "scale-a")];

            var clock = Stopwatch.StartNew();
            cluster.A.Terminate();

            // New calls all reach the other instance and are answered.
            await Task.Delay(500);
            string[] fresh = await Task.WhenAll(Enumerable.Range(0, 6).Select(_ => OneQuestionCallAsync(cluster)));
            string[] freshOn = await Task.WhenAll(fresh.Select(cluster.InstanceOfAsync));
            Assert.All(freshOn, i => Assert.Equal("scale-b", i));
            Report($"after SIGTERM: {fresh.Length} new calls, all on scale-b, in {clock.Elapsed.TotalSeconds:F1} s");

            // The draining instance's calls go on: asked now, they answer, then hang up normally.
            foreach (LiveCall call in draining)
            {
                IReadOnlyList<JsonObject> reply = await call.AskAsync("what time is it");
                Assert.Contains(reply, e => (string?)e["type"] == "transcript" && (string?)e["role"] == "assistant");
                Assert.False(cluster.A.HasExited);
                Assert.Equal(WebSocketCloseStatus.NormalClosure, await call.HangUpAsync());
            }

            // With its last call over it stops by itself, long before the drain timeout, having written every end.
            await cluster.A.WaitForExitAsync(TimeSpan.FromSeconds(30));
            Report($"scale-a exited {clock.Elapsed.TotalSeconds:F1} s after SIGTERM, code {cluster.A.ExitCode}");
            Assert.Equal(0, cluster.A.ExitCode);
            foreach (LiveCall call in draining)
            {
                (string? reason, int? code) = await cluster.QueryAsync(c => c.QuerySingleAsync<(string?, int?)>(
                    "SELECT end_reason, close_code FROM calls WHERE id = @id", new { id = call.CallId }));
                Assert.Equal(("client_closed", 1000), (reason, code));
            }

            // The other instance's calls were never touched.
            foreach (LiveCall call in open.Except(draining))
            {
                Assert.False(call.Client.Closed);
                await call.AskAsync("what are your opening hours");
            }
        }
        finally
        {
            foreach (LiveCall call in open)
            {
                await call.DisposeAsync();
            }
        }
    }

    [Fact]
    public async Task SIGKILL_mid_call_its_callers_are_closed_by_nginx_and_the_survivor_marks_their_calls_interrupted()
    {
        await using ScaleCluster cluster = await ScaleCluster.StartAsync(postgres);
        List<LiveCall> open = [.. await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => cluster.CallAsync()))];
        try
        {
            string[] on = await Task.WhenAll(open.Select(c => cluster.InstanceOfAsync(c.CallId)));
            List<LiveCall> dying = [.. open.Where((_, i) => on[i] == "scale-a")];
            List<LiveCall> surviving = [.. open.Where((_, i) => on[i] == "scale-b")];
            Assert.NotEmpty(dying);
            Assert.NotEmpty(surviving);

            // Mid-call: each has had a turn on record.
            await Task.WhenAll(dying.Select(c => c.AskAsync("what are your opening hours")));
            var clock = Stopwatch.StartNew();
            cluster.A.Kill();

            // Its callers' connections are closed by nginx at once (no close frame: the instance is gone).
            await WaitForAsync(() => Task.FromResult(dying.All(c => c.Client.Closed)), TimeSpan.FromSeconds(10));
            Report($"SIGKILL: nginx closed {dying.Count} callers' connections within {clock.Elapsed.TotalMilliseconds:F0} ms");
            Assert.All(dying, c => Assert.Null(c.Client.CloseStatus));

            // The survivor's calls go on, and new calls reach it.
            foreach (LiveCall call in surviving)
            {
                Assert.False(call.Client.Closed);
                await call.AskAsync("what time is it");
            }

            string[] fresh = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => OneQuestionCallAsync(cluster)));
            Assert.All(await Task.WhenAll(fresh.Select(cluster.InstanceOfAsync)), i => Assert.Equal("scale-b", i));

            // Within a minute the survivor sees the heartbeat stop and closes the dead instance's calls, turns kept.
            string[] ids = [.. dying.Select(c => c.CallId)];
            await WaitForAsync(async () => await cluster.QueryAsync(c => c.ExecuteScalarAsync<long>(
                "SELECT COUNT(*) FROM calls WHERE id = ANY(@ids) AND end_reason = 'interrupted' AND ended_ms IS NOT NULL", new { ids })) == ids.Length, TimeSpan.FromSeconds(60));
            Report($"the survivor closed scale-a's {ids.Length} calls as interrupted {clock.Elapsed.TotalSeconds:F1} s after SIGKILL");
            long turns = await cluster.QueryAsync(c => c.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM turns WHERE call_id = ANY(@ids) AND role = 'caller'", new { ids }));
            Assert.Equal(ids.Length, turns);
            Assert.Equal(0, await cluster.QueryAsync(c => c.ExecuteScalarAsync<long>(
                "SELECT COUNT(*) FROM calls WHERE instance_id = 'scale-b' AND end_reason = 'interrupted'")));
        }
        finally
        {
            foreach (LiveCall call in open)
            {
                await call.DisposeAsync();
            }
        }
    }

    /// <summary>One short call through nginx: a token, a question, the answer, a normal hang-up. Returns its id.</summary>
    private static async Task<string> OneQuestionCallAsync(ScaleCluster cluster, VoxgateInstance? direct = null)
    {
        await using LiveCall call = direct is null ? await cluster.CallAsync() : await cluster.CallAsync(direct.Address, origin: direct.Address.GetLeftPart(UriPartial.Authority));
        IReadOnlyList<JsonObject> reply = await call.AskAsync("what are your opening hours");
        Assert.Contains(reply, e => (string?)e["type"] == "transcript" && (string?)e["role"] == "assistant" && ((string?)e["text"])!.Contains("open", StringComparison.OrdinalIgnoreCase));
        Assert.Equal(WebSocketCloseStatus.NormalClosure, await call.HangUpAsync());
        return call.CallId;
    }

    /// <summary>A weekday (Monday to Friday) two to eight days ahead, so "on thursday" is never today or past.</summary>
    private static DateOnly NextWeekday()
    {
        DateOnly day = DateOnly.FromDateTime(DateTime.UtcNow).AddDays(2);
        while (day.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday)
        {
            day = day.AddDays(1);
        }

        return day;
    }

    private static async Task WaitForAsync(Func<Task<bool>> condition, TimeSpan timeout)
    {
        for (DateTime deadline = DateTime.UtcNow + timeout; !await condition(); await Task.Delay(200))
        {
            Assert.True(DateTime.UtcNow < deadline, $"not within {timeout.TotalSeconds:0} s");
        }
    }

    private void Report(string line)
    {
        output.WriteLine(line);
        Directory.CreateDirectory(Path.Combine(Repository.Root, "test-output"));
        File.AppendAllText(Path.Combine(Repository.Root, "test-output", "scale.txt"), $"{DateTime.UtcNow:HH:mm:ss} {line}{Environment.NewLine}");
    }
}
