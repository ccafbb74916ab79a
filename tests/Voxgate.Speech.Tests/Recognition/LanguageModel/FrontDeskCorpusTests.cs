using Voxgate.Speech.Recognition.LanguageModel;

namespace Voxgate.Speech.Tests.Recognition.LanguageModel;

public sealed class FrontDeskCorpusTests
{
    [Fact]
    public void The_same_sentences_come_out_every_time()
    {
        Assert.Equal(FrontDeskCorpus.Generate(500), FrontDeskCorpus.Generate(500));
    }

    [Theory]
    [InlineData("o'clock")]
    [InlineData("half past")]
    [InlineData("actually make that")]
    [InlineData("my name is")]
    [InlineData("g b two zero two")]
    [InlineData("what are your opening hours")]
    [InlineData("the twenty third")]
    [InlineData("cancel my appointment")]
    public void Covers_the_language_of_a_booking_call(string phrase)
    {
        Assert.Contains(FrontDeskCorpus.Generate(20_000), sentence => $" {sentence} ".Contains($" {phrase} ", StringComparison.Ordinal));
    }

    [Fact]
    public void Is_lower_case_words_without_punctuation_but_apostrophes_and_abbreviation_dots()
    {
        Assert.All(FrontDeskCorpus.Generate(5_000), sentence =>
            Assert.Matches(@"^[a-z'.]+( [a-z'.]+)*$", sentence));
    }

    [Fact]
    public void A_rule_naming_a_missing_rule_is_refused()
    {
        var grammar = new PhraseGrammar().Rule("turn", "at <tme>").Rule("time", "four");

        Assert.Throws<InvalidOperationException>(grammar.Validate);
    }
}
