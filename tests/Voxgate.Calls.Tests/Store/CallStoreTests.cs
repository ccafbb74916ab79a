using System.Net;
using Voxgate.Audio;
using Voxgate.Calls.Analytics;
using Voxgate.Calls.Records;
using Voxgate.Calls.Recording;
using Voxgate.Calls.Tests.TestSupport;

namespace Voxgate.Calls.Tests.Store;

/// <summary>The call record through the recorder API, on SQLite and on PostgreSQL alike.</summary>
[Collection(PostgresTests.Name)]
public sealed class CallStoreTests(PostgresServer postgres)
{
    public static TheoryData<string> Providers => new() { "sqlite", "postgres" };

    private static readonly DateTimeOffset Monday = new(2026, 11, 23, 9, 0, 0, TimeSpan.Zero);

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task A_recorded_call_reads_back_with_turns_tools_latency_usage_and_end(string provider)
    {
        var time = new ManualTime(Monday);
        string folder = Directory.CreateTempSubdirectory("voxgate-calls-").FullName;
        await using CallsHost host = await CallsHost.StartAsync(await CallsHost.NewStoreAsync(provider, postgres, folder), time, folder: folder, analysis: false);

        ICallRecording call = host.Recorder.Begin(new CallStart("browser", "local", "voxgate-local", IPAddress.Parse("203.0.113.7"), "Mozilla/5.0 test"));
        time.AdvanceMs(100);
        call.CallerSpeechStarted();
        time.AdvanceMs(1400);
        call.CallerSpeechStopped();
        time.AdvanceMs(300);
        call.CallerTranscript("I'd like to book a check up tomorrow.");
        time.AdvanceMs(200);
        call.AgentAudio("item_1", Tone.Pcm16(1000, 800));
        time.AdvanceMs(100);
        call.AgentAudioPlayed("item_1", 40);
        call.ToolCalled("call_1", "check_availability", """{"date":"2026-11-24"}""");
        call.ToolCompleted("call_1", """{"available":true}""");
        call.AgentTranscript("item_1", "Tomorrow at nine is free.");
        call.Usage(120, 80);
        call.Usage(30, 20);
        call.Error("upstream_error", "a test error");
        time.AdvanceMs(2000);
        call.End("client_closed", 1000);
        await host.FlushAsync();

        CallDetail detail = (await host.Store.GetCallAsync(call.CallId, CancellationToken.None))!;
        Assert.Equal("browser", detail.Call.Transport);
        Assert.Equal("local", detail.Call.UpstreamKind);
        Assert.Equal("voxgate-local", detail.Call.UpstreamModel);
        Assert.Equal("client_closed", detail.Call.EndReason);
        Assert.Equal(1000, detail.Call.CloseCode);
        Assert.Equal(Monday, detail.Call.StartedAt);
        Assert.Equal(4100, detail.Call.DurationMs);
        Assert.Equal(32, detail.Caller.IpHash!.Length);
        Assert.DoesNotContain("203.0.113.7", detail.Caller.IpHash, StringComparison.Ordinal);
        Assert.Equal("Mozilla/5.0 test", detail.Caller.UserAgent);
        Assert.Equal(new CallUsage(150, 100), detail.Usage);

        Assert.Collection(detail.Turns,
            caller =>
            {
                Assert.Equal((1, TurnRole.Caller, "I'd like to book a check up tomorrow."), (caller.Seq, caller.Role, caller.Text));
                Assert.Equal((100L, 1500L), (caller.StartMs, caller.EndMs!.Value));
            },
            agent =>
            {
                Assert.Equal((2, TurnRole.Agent, "Tomorrow at nine is free.", "item_1"), (agent.Seq, agent.Role, agent.Text, agent.ItemId));

                // Sent at 2000 ms; the page's first report (40 ms played at 2100) puts the start of hearing at 2060.
                Assert.Equal(new TurnLatency(300, 500, 560), agent.Latency);
                Assert.Equal((2060L, 2860L, false), (agent.StartMs, agent.EndMs!.Value, agent.Interrupted));
            });
        ToolCallRecord tool = Assert.Single(detail.Tools);
        Assert.Equal(("call_1", "check_availability", "2026-11-24", true), (tool.ToolCallId, tool.Name, tool.Arguments.GetProperty("date").GetString(), tool.Result!.Value.GetProperty("available").GetBoolean()));
        CallErrorRecord error = Assert.Single(detail.Errors);
        Assert.Equal(("upstream_error", "a test error", 2100L), (error.Code, error.Message, error.AtMs));
        Assert.Equal(AnalysisStatus.Pending, detail.Analysis!.Status);
        Assert.True(detail.Call.HasRecording);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task The_recording_is_stereo_with_the_agent_cut_where_the_caller_barged_in(string provider)
    {
        var time = new ManualTime(Monday);
        string folder = Directory.CreateTempSubdirectory("voxgate-calls-").FullName;
        await using CallsHost host = await CallsHost.StartAsync(await CallsHost.NewStoreAsync(provider, postgres, folder), time, folder: folder, analysis: false);
        ICallRecording call = host.Recorder.Begin(new CallStart("browser", "local"));

        // The caller talks for one second in real time, in 20 ms frames at 8 kHz (resampled to the 24 kHz tracks).
        byte[] frame = Tone.Pcm16(440, 20, rate: 8000);
        for (int i = 0; i < 50; i++)
        {
            time.AdvanceMs(20);
            call.CallerAudio(frame, 8000);
        }

        // Then silence, and the agent's two seconds of reply arrive at 1.5 s all at once (faster than real time)...
        time.AdvanceMs(500);
        call.AgentAudio("item_a", Tone.Pcm16(1000, 2000));

        // ...begin to be heard at 1.6 s, and are cut by the caller after 700 ms.
        time.AdvanceMs(150);
        call.AgentAudioPlayed("item_a", 50);
        time.AdvanceMs(650);
        call.CallerSpeechStarted();
        call.AgentInterrupted("item_a", 700);
        for (int i = 0; i < 25; i++)
        {
            time.AdvanceMs(20);
            call.CallerAudio(frame, 8000);
        }

        call.End("client_closed", 1000);
        await host.FlushAsync();

        CallDetail detail = (await host.Store.GetCallAsync(call.CallId, CancellationToken.None))!;
        TurnRecord agent = Assert.Single(detail.Turns, t => t.Role == TurnRole.Agent);
        Assert.True(agent.Interrupted);
        Assert.Equal((1600L, 700L, 2300L), (agent.StartMs, agent.CutOffMs!.Value, agent.EndMs!.Value));

        string? file = await host.Store.GetRecordingFileAsync(call.CallId, CancellationToken.None);
        AudioClip wav = WavFile.Read(Path.Combine(folder, "recordings", file!));
        Assert.Equal((2, 24000), (wav.Channels, wav.SampleRate));
        Assert.InRange(Tone.Rms(wav, 0, 100, 950), 0.3, 0.4);     // caller, left
        Assert.InRange(Tone.Rms(wav, 0, 1100, 1500), 0, 0.01);
        Assert.InRange(Tone.Rms(wav, 1, 0, 1590), 0, 0.001);      // agent, right: nothing before it was heard...
        Assert.InRange(Tone.Rms(wav, 1, 1610, 2290), 0.3, 0.4);   // ...its reply as played...
        Assert.InRange(Tone.Rms(wav, 1, 2310, 3600), 0, 0.001);   // ...and nothing after the cut, though 1.3 s more was sent.
        Assert.InRange(Tone.Rms(wav, 0, 2420, 2780), 0.3, 0.4);   // the caller's barge-in
        Assert.False(File.Exists(Path.Combine(folder, "recordings", call.CallId + ".caller.pcm")));
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task A_killed_process_keeps_finished_turns_and_the_next_start_closes_the_call_as_interrupted(string provider)
    {
        string folder = Directory.CreateTempSubdirectory("voxgate-calls-").FullName;
        string store = await CallsHost.NewStoreAsync(provider, postgres, folder);
        CallsHost first = await CallsHost.StartAsync(store, folder: folder, analysis: false);
        ICallRecording call = first.Recorder.Begin(new CallStart("browser", "local"));
        call.CallerAudio(Tone.Pcm16(440, 100));
        call.CallerTranscript("What are your opening hours?");
        call.AgentTranscript("item_1", "We open at nine.");
        await first.FlushAsync();
        string leftover = Path.Combine(folder, "recordings", call.CallId + ".caller.pcm");
        Assert.True(File.Exists(leftover));
        first.Crash();

        // As after a kill, the call's raw track is still on disk when the next run starts.
        await File.WriteAllBytesAsync(leftover, new byte[200]);

        await using CallsHost second = await CallsHost.StartAsync(store, folder: folder, analysis: false);
        CallDetail detail = (await second.Store.GetCallAsync(call.CallId, CancellationToken.None))!;
        Assert.Equal(CallEndReason.Interrupted, detail.Call.EndReason);
        Assert.NotNull(detail.Call.EndedAt);
        Assert.Equal(["What are your opening hours?", "We open at nine."], detail.Turns.Select(t => t.Text));
        Assert.Equal(AnalysisStatus.Pending, detail.Analysis!.Status);
        Assert.False(File.Exists(leftover));
        Assert.False(detail.Call.HasRecording);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Calls_list_newest_first_filtered_by_date_outcome_sentiment_and_intent_and_paged(string provider)
    {
        var time = new ManualTime(Monday);
        string folder = Directory.CreateTempSubdirectory("voxgate-calls-").FullName;
        await using CallsHost host = await CallsHost.StartAsync(await CallsHost.NewStoreAsync(provider, postgres, folder), time, folder: folder, analysis: false);
        var scores = new[] { (0.6, 90, CallOutcome.Booked), (-0.7, 20, CallOutcome.Information), (0.1, 45, CallOutcome.Booked) };
        var ids = new List<string>();
        foreach ((double sentiment, int intent, string outcome) in scores)
        {
            ICallRecording call = host.Recorder.Begin(new CallStart("browser", "local"));
            call.CallerTranscript("hello");
            call.End("client_closed", 1000);
            ids.Add(call.CallId);
            time.Advance(TimeSpan.FromHours(1));
        }

        await host.FlushAsync();
        for (int n = 0; n < ids.Count; n++)
        {
            (string claimed, long attempt) = (await host.Jobs.ClaimAsync(CancellationToken.None))!.Value;
            int i = ids.IndexOf(claimed);
            Assert.Equal(1, attempt);
            await host.Jobs.CompleteAsync(claimed, new CallScore(scores[i].Item1, scores[i].Item2, scores[i].Item3, "s", [new ScoreEvidence("intent", "booking_made", "x", 50, null)], "offline"), CancellationToken.None);
        }

        Assert.Null(await host.Jobs.ClaimAsync(CancellationToken.None));

        CallPage all = await host.Store.ListCallsAsync(new CallQuery(), CancellationToken.None);
        Assert.Equal([ids[2], ids[1], ids[0]], all.Items.Select(c => c.Id));
        Assert.Equal(3, all.Total);
        Assert.Equal([ids[2], ids[0]], (await host.Store.ListCallsAsync(new CallQuery { Outcome = CallOutcome.Booked }, CancellationToken.None)).Items.Select(c => c.Id));
        Assert.Equal([ids[1]], (await host.Store.ListCallsAsync(new CallQuery { MaxSentiment = -0.5 }, CancellationToken.None)).Items.Select(c => c.Id));
        Assert.Equal([ids[2], ids[0]], (await host.Store.ListCallsAsync(new CallQuery { MinIntent = 40 }, CancellationToken.None)).Items.Select(c => c.Id));
        Assert.Equal([ids[0]], (await host.Store.ListCallsAsync(new CallQuery { MinSentiment = 0.5, MaxIntent = 95 }, CancellationToken.None)).Items.Select(c => c.Id));
        Assert.Equal([ids[1]], (await host.Store.ListCallsAsync(new CallQuery { From = Monday.AddMinutes(30), To = Monday.AddMinutes(90) }, CancellationToken.None)).Items.Select(c => c.Id));
        CallPage second = await host.Store.ListCallsAsync(new CallQuery { Page = 2, PageSize = 2 }, CancellationToken.None);
        Assert.Equal((ids[0], 3L), (Assert.Single(second.Items).Id, second.Total));
        CallSummary first = all.Items[^1];
        Assert.Equal((0.6, 90, CallOutcome.Booked, AnalysisStatus.Done), (first.Sentiment, first.Intent, first.Outcome, first.AnalysisStatus));
        CallAnalysis analysis = (await host.Jobs.GetAsync(ids[0], CancellationToken.None))!;
        Assert.Equal(("booking_made", 1), (analysis.Evidence[0].Signal, analysis.Attempts));
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Deleting_a_call_removes_its_record_and_says_which_recording_to_remove(string provider)
    {
        string folder = Directory.CreateTempSubdirectory("voxgate-calls-").FullName;
        await using CallsHost host = await CallsHost.StartAsync(await CallsHost.NewStoreAsync(provider, postgres, folder), folder: folder, analysis: false);
        ICallRecording call = host.Recorder.Begin(new CallStart("browser", "local"));
        call.CallerAudio(Tone.Pcm16(440, 200));
        call.CallerTranscript("hello");
        call.ToolCalled("t1", "find_booking", "{}");
        call.Error("x", "y");
        call.End("client_closed");
        await host.FlushAsync();

        (bool found, string? file) = await host.Store.DeleteCallAsync(call.CallId, CancellationToken.None);
        Assert.True(found);
        Assert.Equal(call.CallId + ".wav", file);
        Assert.Null(await host.Store.GetCallAsync(call.CallId, CancellationToken.None));
        Assert.Equal(0, (await host.Store.ListCallsAsync(new CallQuery(), CancellationToken.None)).Total);
        Assert.False((await host.Store.DeleteCallAsync(call.CallId, CancellationToken.None)).Found);
    }

    [Fact]
    public async Task With_recording_off_calls_are_kept_and_no_audio_is_written()
    {
        await using CallsHost host = await CallsHost.StartAsync("Data Source=" + Path.Combine(Path.GetTempPath(), $"voxgate-{Guid.NewGuid():N}.db"), settings: new Dictionary<string, string?> { ["Recording:Enabled"] = "false" }, analysis: false);
        ICallRecording call = host.Recorder.Begin(new CallStart("browser", "local"));
        call.CallerAudio(Tone.Pcm16(440, 200));
        call.CallerTranscript("hello");
        call.End("client_closed");
        await host.FlushAsync();
        CallDetail detail = (await host.Store.GetCallAsync(call.CallId, CancellationToken.None))!;
        Assert.False(detail.Call.HasRecording);
        Assert.Single(detail.Turns);
        Assert.False(Directory.Exists(Path.Combine(host.Folder, "recordings")) && Directory.EnumerateFiles(Path.Combine(host.Folder, "recordings")).Any());
    }

    [Fact]
    public async Task The_recorder_ignores_bad_arguments_and_anything_after_the_end()
    {
        await using CallsHost host = await CallsHost.StartAsync("Data Source=" + Path.Combine(Path.GetTempPath(), $"voxgate-{Guid.NewGuid():N}.db"), analysis: false);
        ICallRecording call = host.Recorder.Begin(new CallStart("browser", "local"));
        call.CallerAudio([1], 24000);
        call.CallerAudio(new byte[100], 0);
        call.AgentAudio(null!, new byte[10]);
        call.AgentAudioPlayed("nothing", 10);
        call.AgentInterrupted("nothing", 10);
        call.CallerTranscript(null!);
        call.ToolCompleted("never-called", "{}");
        call.ToolCalled("t", "x", "not json");
        call.End("client_closed");
        call.End("again");
        call.CallerTranscript("after the end");
        await host.FlushAsync();
        CallDetail detail = (await host.Store.GetCallAsync(call.CallId, CancellationToken.None))!;
        Assert.Empty(detail.Turns);
        Assert.Equal("client_closed", detail.Call.EndReason);
        Assert.Equal("not json", Assert.Single(detail.Tools).Arguments.GetString());
        Assert.Equal(0, host.Recorder.OpenCalls);
    }
}
