using Microsoft.Extensions.DependencyInjection;
using Voxgate.Calls.Analytics;
using Voxgate.Calls.Records;
using Voxgate.Calls.Recording;
using Voxgate.Calls.Tests.TestSupport;

namespace Voxgate.Calls.Tests.Analytics;

/// <summary>Scoring runs by itself when a call ends, retries, fails visibly, and can be asked again.</summary>
[Collection(PostgresTests.Name)]
public sealed class AnalysisWorkerTests(PostgresServer postgres)
{
    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task An_ended_call_is_scored_with_its_evidence(string provider)
    {
        string folder = Directory.CreateTempSubdirectory("voxgate-calls-").FullName;
        await using CallsHost host = await CallsHost.StartAsync(await CallsHost.NewStoreAsync(provider, postgres, folder), folder: folder);
        ICallRecording call = host.Recorder.Begin(new CallStart("browser", "local"));
        call.CallerTranscript("This is ridiculous, I'm furious with your terrible service.");
        call.AgentTranscript("item_1", "I'm sorry to hear that.");
        call.End("client_closed", 1000);

        CallAnalysis analysis = await WaitForAsync(host, call.CallId, a => a.Status == AnalysisStatus.Done);
        Assert.Equal("offline", analysis.Scorer);
        Assert.InRange(analysis.Sentiment!.Value, -1, -0.3);
        Assert.Equal(CallOutcome.Information, analysis.Outcome);
        Assert.Contains(analysis.Evidence, e => e.Score == "sentiment" && e.Text.Contains("furious", StringComparison.Ordinal) && e.TurnSeq == 1);
        Assert.Contains(analysis.Evidence, e => e.Score == "outcome");
        Assert.NotNull(analysis.ScoredAt);
    }

    [Fact]
    public async Task A_scorer_that_keeps_failing_is_retried_then_marked_failed_and_a_rescore_queues_it_again()
    {
        var scorer = new FlakyScorer();
        await using CallsHost host = await CallsHost.StartAsync(
            "Data Source=" + Path.Combine(Path.GetTempPath(), $"voxgate-{Guid.NewGuid():N}.db"),
            services: s => s.AddSingleton<ICallScorer>(scorer));
        ICallRecording call = host.Recorder.Begin(new CallStart("browser", "local"));
        call.CallerTranscript("Can I book a check up?");
        call.End("client_closed", 1000);

        CallAnalysis failed = await WaitForAsync(host, call.CallId, a => a.Status == AnalysisStatus.Failed);
        Assert.Equal(3, failed.Attempts);
        Assert.Equal(3, scorer.Calls);
        Assert.Contains("scorer unavailable", failed.Error, StringComparison.Ordinal);

        scorer.Working = true;
        Assert.True(await host.Jobs.RequeueAsync(call.CallId, CancellationToken.None));
        CallAnalysis done = await WaitForAsync(host, call.CallId, a => a.Status == AnalysisStatus.Done);
        Assert.Equal(("flaky", 1, (string?)null), (done.Scorer, done.Attempts, done.Error));
        Assert.False(await host.Jobs.RequeueAsync("call_missing", CancellationToken.None));
    }

    private static async Task<CallAnalysis> WaitForAsync(CallsHost host, string callId, Func<CallAnalysis, bool> done)
    {
        var deadline = DateTime.UtcNow.AddSeconds(20);
        CallAnalysis? analysis = null;
        while (DateTime.UtcNow < deadline)
        {
            analysis = await host.Jobs.GetAsync(callId, CancellationToken.None);
            if (analysis is not null && done(analysis))
            {
                return analysis;
            }

            await Task.Delay(50);
        }

        throw new Xunit.Sdk.XunitException($"The analysis of {callId} never got there; last seen: {analysis}");
    }

    /// <summary>A scorer that fails until told to work: the worker's retry path, not a stand-in for a real one.</summary>
    private sealed class FlakyScorer : ICallScorer
    {
        private int _calls;

        public bool Working { get; set; }

        public int Calls => _calls;

        public Task<CallScore> ScoreAsync(CallDetail detail, CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref _calls);
            return Working
                ? Task.FromResult(new CallScore(0.5, 70, CallOutcome.Booked, "ok", [], "flaky"))
                : throw new InvalidOperationException("scorer unavailable");
        }
    }
}
