using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Voxgate.Calls.Analytics;
using Voxgate.Calls.Records;
using Voxgate.Calls.Recording;
using Voxgate.Calls.Store;
using Voxgate.Calls.Tests.TestSupport;

namespace Voxgate.Calls.Tests.Store;

/// <summary>Instances sharing one store: a dead instance's open calls are closed by one still alive, on SQLite and PostgreSQL.</summary>
[Collection(PostgresTests.Name)]
public sealed class InstanceHeartbeatTests(PostgresServer postgres)
{
    public static TheoryData<string> Providers => new() { "sqlite", "postgres" };

    private static Dictionary<string, string?> Instance(string id) => new()
    {
        ["Store:InstanceId"] = id,
        ["Store:HeartbeatInterval"] = "00:00:00.200",

        // Generous for a loaded machine: a beat that is late by this much is not taken for a death.
        ["Store:InstanceTimeout"] = "00:00:02",
    };

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task A_killed_instances_open_call_is_closed_as_interrupted_by_a_survivor_with_its_turns_kept(string provider)
    {
        string folder = Directory.CreateTempSubdirectory("voxgate-calls-").FullName;
        string store = await CallsHost.NewStoreAsync(provider, postgres, folder);
        CallsHost dying = await CallsHost.StartAsync(store, settings: Instance("instance-a"), folder: Path.Combine(folder, "a"), analysis: false);
        await WaitForBeatAsync(dying);
        ICallRecording call = dying.Recorder.Begin(new CallStart("browser", "local"));
        call.CallerTranscript("Can I book for Wednesday?");
        call.AgentTranscript("item_1", "Wednesday at three is free.");
        ICallRecording ended = dying.Recorder.Begin(new CallStart("browser", "local"));
        ended.End("client_closed", 1000);
        await dying.FlushAsync();
        dying.Crash();

        await using CallsHost survivor = await CallsHost.StartAsync(store, settings: Instance("instance-b"), folder: Path.Combine(folder, "b"), analysis: false);
        DateTime deadline = DateTime.UtcNow.AddSeconds(20);
        CallDetail detail;
        while ((detail = (await survivor.Store.GetCallAsync(call.CallId, CancellationToken.None))!).Call.EndedAt is null && DateTime.UtcNow < deadline)
        {
            await Task.Delay(100);
        }

        Assert.Equal(CallEndReason.Interrupted, detail.Call.EndReason);
        Assert.Equal(["Can I book for Wednesday?", "Wednesday at three is free."], detail.Turns.Select(t => t.Text));
        Assert.Equal(AnalysisStatus.Pending, detail.Analysis!.Status);

        // The call that had ended keeps its own end; the survivor counts itself alive and the dead one not.
        Assert.Equal("client_closed", (await survivor.Store.GetCallAsync(ended.CallId, CancellationToken.None))!.Call.EndReason);
        InstanceHeartbeat heartbeat = survivor.Services.GetRequiredService<InstanceHeartbeat>();
        await WaitForAsync(() => heartbeat.Status?.AliveInstances == 1);
        Assert.True(heartbeat.IsStoreReachable);
        Assert.Equal(2, heartbeat.Status!.AnalysisJobs[AnalysisStatus.Pending]);

        // Back up, the killed instance finds its call closed by the survivor and deletes the call's raw tracks.
        string leftover = Path.Combine(folder, "a", "recordings", call.CallId + ".caller.pcm");
        await File.WriteAllBytesAsync(leftover, new byte[200]);

        await using CallsHost back = await CallsHost.StartAsync(store, settings: Instance("instance-a"), folder: Path.Combine(folder, "a"), analysis: false);
        await WaitForAsync(() => !File.Exists(leftover));
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task A_live_instances_calls_and_those_of_an_instance_that_never_beat_are_left_open(string provider)
    {
        string folder = Directory.CreateTempSubdirectory("voxgate-calls-").FullName;
        string store = await CallsHost.NewStoreAsync(provider, postgres, folder);

        // An instance of a Voxgate without heartbeats (before this migration) that died: only its own restart may close its calls.
        CallsHost legacy = await CallsHost.StartAsync(store, settings: Instance("legacy"), folder: Path.Combine(folder, "legacy"), analysis: false,
            services: s => s.Remove(s.First(d => d.ImplementationFactory?.Method.ReturnType == typeof(InstanceHeartbeat))));
        ICallRecording old = legacy.Recorder.Begin(new CallStart("browser", "local"));
        await legacy.FlushAsync();
        legacy.Crash();

        await using CallsHost alive = await CallsHost.StartAsync(store, settings: Instance("instance-a"), folder: Path.Combine(folder, "a"), analysis: false);
        ICallRecording live = alive.Recorder.Begin(new CallStart("browser", "local"));
        await alive.FlushAsync();
        await using CallsHost other = await CallsHost.StartAsync(store, settings: Instance("instance-b"), folder: Path.Combine(folder, "b"), analysis: false);
        InstanceHeartbeat heartbeat = other.Services.GetRequiredService<InstanceHeartbeat>();
        await WaitForAsync(() => heartbeat.Status?.AliveInstances == 2);

        // Two timeouts later, both are still open.
        await Task.Delay(TimeSpan.FromSeconds(4));
        Assert.Null((await other.Store.GetCallAsync(live.CallId, CancellationToken.None))!.Call.EndedAt);
        Assert.Null((await other.Store.GetCallAsync(old.CallId, CancellationToken.None))!.Call.EndedAt);
        live.End("client_closed", 1000);
        await alive.FlushAsync();
        Assert.Equal("client_closed", (await other.Store.GetCallAsync(live.CallId, CancellationToken.None))!.Call.EndReason);
    }

    [Fact]
    public async Task An_instance_timeout_shorter_than_three_heartbeats_stops_the_start()
    {
        string folder = Directory.CreateTempSubdirectory("voxgate-calls-").FullName;
        var settings = Instance("instance-a");
        settings["Store:HeartbeatInterval"] = "00:00:00.200";
        settings["Store:InstanceTimeout"] = "00:00:00.400";
        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => CallsHost.StartAsync($"Data Source={Path.Combine(folder, "voxgate.db")}", settings: settings, folder: folder));
        Assert.Contains("Store:InstanceTimeout", error.Message, StringComparison.Ordinal);
    }

    private static Task WaitForBeatAsync(CallsHost host)
    {
        InstanceHeartbeat heartbeat = host.Services.GetRequiredService<InstanceHeartbeat>();
        return WaitForAsync(() => heartbeat.LastBeatMs > 0);
    }

    private static async Task WaitForAsync(Func<bool> condition)
    {
        for (DateTime deadline = DateTime.UtcNow.AddSeconds(20); !condition(); await Task.Delay(50))
        {
            Assert.True(DateTime.UtcNow < deadline, "timed out");
        }
    }
}
