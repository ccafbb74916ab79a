using Voxgate.Calls.Analytics;

namespace Voxgate.Calls.Tests.Analytics;

/// <summary>The C# port gives the compound scores of the JavaScript it was ported from.</summary>
public sealed class VaderAnalyzerTests
{
    // Each expected value was printed by vader-sentiment 1.1.3 itself (build/vaderSentiment.bundle.js, polarity_scores(s).compound, node 20).
    public static TheoryData<string, double> Reference => new()
    {
        { "VADER is smart, handsome, and funny.", 0.8316 },
        { "VADER is smart, handsome, and funny!", 0.8439 },
        { "VADER is very smart, handsome, and funny.", 0.8545 },
        { "VADER is VERY SMART, handsome, and FUNNY.", 0.9227 },
        { "VADER is VERY SMART, handsome, and FUNNY!!!", 0.9342 },
        { "VADER is not smart, handsome, nor funny.", -0.7424 },
        { "The book was good.", 0.4404 },
        { "At least it isn't a horrible book.", 0.431 },
        { "The book was only kind of good.", 0.3832 },
        { "The plot was good, but the characters are uncompelling and the dialog is not great.", -0.7042 },
        { "Today SUX!", -0.5461 },
        { "Today only kinda sux! But I'll get by, lol", 0.2228 },
        { "Make sure you :) or :D today!", 0.8633 },
        { "This is ridiculous, I have been waiting for two weeks and nobody called me back.", -0.3612 },
        { "Thank you so much, that's perfect.", 0.7553 },
        { "I never said it was bad.", -0.5423 },
        { "It was not the worst experience but it was not great either???", -0.5905 },
        { "yeah right, that will work", 0.296 },
        { "I'm absolutely furious about this!!", -0.6785 },
        { "Could I book a check up on Tuesday at ten?", 0 },
    };

    private static readonly VaderAnalyzer Vader = new(VaderLexicon.Load(Path.Combine(AppContext.BaseDirectory, "models", "vader", "vader_lexicon.txt")));

    [Theory]
    [MemberData(nameof(Reference))]
    public void Compound_scores_match_vader_sentiment(string text, double expected)
        => Assert.Equal(expected, Vader.Compound(text), 4);

    [Fact]
    public void The_lexicon_is_VADERs_whole_list()
    {
        VaderLexicon lexicon = VaderLexicon.Load(Path.Combine(AppContext.BaseDirectory, "models", "vader", "vader_lexicon.txt"));
        Assert.InRange(lexicon.Count, 7400, 7600);
        Assert.True(lexicon.TryGet("good", out double good));
        Assert.Equal(1.9, good);
        Assert.True(File.Exists(Path.Combine(AppContext.BaseDirectory, "models", "vader", "LICENSE")));
    }

    [Fact]
    public void A_missing_lexicon_names_the_set_up_that_fetches_it()
    {
        var error = Assert.Throws<FileNotFoundException>(() => VaderLexicon.Load("/nonexistent/vader_lexicon.txt"));
        Assert.Contains("scripts/setup.sh", error.Message, StringComparison.Ordinal);
    }
}
