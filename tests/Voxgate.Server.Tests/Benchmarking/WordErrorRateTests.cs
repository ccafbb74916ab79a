using Voxgate.Server.Benchmarking;

namespace Voxgate.Server.Tests.Benchmarking;

public sealed class WordErrorRateTests
{
    [Fact]
    public void Identical_texts_have_no_errors_whatever_the_case_and_punctuation()
        => Assert.Equal(new WordErrorRate(0, 0, 0, 4), WordErrorRate.Compute("What time is it?", "what time is it"));

    [Fact]
    public void Substitutions_deletions_and_insertions_are_counted_on_the_best_alignment()
    {
        // "turn on the lights" → "turn of the light please": two substitutions and one insertion.
        WordErrorRate wer = WordErrorRate.Compute("turn on the lights", "turn of the light please");
        Assert.Equal(new WordErrorRate(2, 0, 1, 4), wer);
        Assert.Equal(0.75, wer.Rate, 3);

        Assert.Equal(new WordErrorRate(0, 2, 0, 4), WordErrorRate.Compute("turn on the lights", "turn lights"));
    }

    [Fact]
    public void Rates_add_up_over_sentences()
    {
        WordErrorRate total = WordErrorRate.Compute("a b c d", "a x c d") + WordErrorRate.Compute("e f", "e f");
        Assert.Equal(6, total.ReferenceWords);
        Assert.Equal(1.0 / 6, total.Rate, 6);
    }

    [Fact]
    public void The_test_sentences_are_thirty_and_distinct()
    {
        Assert.Equal(30, WerSentences.All.Count);
        Assert.Equal(30, WerSentences.All.Distinct(StringComparer.OrdinalIgnoreCase).Count());
    }
}
