using System.Globalization;
using System.Text;
using Voxgate.Calls.Analytics;
using Xunit.Abstractions;

namespace Voxgate.Calls.Tests.Analytics;

/// <summary>
/// The offline scorer on the labelled set (Analytics/LabelledCalls.json, 34 calls written for it): how often each score
/// falls in the band the label expects. Sentiment: negative ≤ −0.1 &lt; neutral &lt; 0.1 ≤ positive. Intent: low 0–34,
/// medium 35–64, high 65–100. The figures go to test-output/labelled-calls.txt and docs/benchmarks.md.
/// </summary>
public sealed class LabelledCallsTests(ITestOutputHelper output)
{
    [Fact]
    public async Task The_offline_scorer_puts_the_labelled_calls_in_their_bands()
    {
        var scorer = new OfflineCallScorer(new VaderAnalyzer(VaderLexicon.Load(Path.Combine(AppContext.BaseDirectory, "models", "vader", "vader_lexicon.txt"))));
        IReadOnlyList<LabelledCall> calls = LabelledCall.Load();
        Assert.True(calls.Count >= 30);
        int sentiment = 0, intent = 0, outcome = 0;
        var report = new StringBuilder();
        foreach (LabelledCall call in calls)
        {
            CallScore score = await scorer.ScoreAsync(call.ToDetail(), CancellationToken.None);
            string s = SentimentBand(score.Sentiment), i = IntentBand(score.Intent);
            sentiment += s == call.Expect.Sentiment ? 1 : 0;
            intent += i == call.Expect.Intent ? 1 : 0;
            outcome += score.Outcome == call.Expect.Outcome ? 1 : 0;
            report.AppendLine(CultureInfo.InvariantCulture, $"{Mark(s, call.Expect.Sentiment)}{Mark(i, call.Expect.Intent)}{Mark(score.Outcome, call.Expect.Outcome)} {call.Name}: sentiment {score.Sentiment:F3} ({s}, want {call.Expect.Sentiment}), intent {score.Intent} ({i}, want {call.Expect.Intent}), {score.Outcome} (want {call.Expect.Outcome}) — {score.Summary}");
        }

        string totals = string.Create(CultureInfo.InvariantCulture,
            $"labelled calls: {calls.Count}; sentiment band {sentiment}/{calls.Count} ({100.0 * sentiment / calls.Count:F0} %), intent band {intent}/{calls.Count} ({100.0 * intent / calls.Count:F0} %), outcome {outcome}/{calls.Count} ({100.0 * outcome / calls.Count:F0} %)");
        report.Insert(0, totals + Environment.NewLine);
        output.WriteLine(report.ToString());
        string folder = Path.Combine(RepositoryRoot(), "test-output");
        Directory.CreateDirectory(folder);
        await File.WriteAllTextAsync(Path.Combine(folder, "labelled-calls.txt"), report.ToString());

        Assert.True(sentiment >= calls.Count * 0.8, totals + "\n" + report);
        Assert.True(intent >= calls.Count * 0.8, totals + "\n" + report);
        Assert.True(outcome >= calls.Count * 0.9, totals + "\n" + report);
    }

    private static string SentimentBand(double score) => score <= -0.1 ? "negative" : score >= 0.1 ? "positive" : "neutral";

    private static string IntentBand(int score) => score >= 65 ? "high" : score >= 35 ? "medium" : "low";

    private static string Mark(string got, string want) => got == want ? "." : "x";

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Voxgate.slnx")))
            {
                return dir.FullName;
            }
        }

        return Directory.GetCurrentDirectory();
    }
}
