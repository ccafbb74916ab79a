using Voxgate.Speech.Recognition.LanguageModel;

namespace Voxgate.Speech.Tests.Recognition.LanguageModel;

public sealed class KneserNeyTrigramModelTests
{
    private static readonly string[] Corpus =
    [
        "book an appointment", "book an appointment on friday", "book a haircut on friday", "cancel my appointment",
        "move my appointment to friday", "on friday at four", "at four o'clock", "four o'clock please", "yes please",
        "no thanks", "friday please", "book an appointment at four",
    ];

    private static KneserNeyTrigramModel Estimated()
    {
        var model = new KneserNeyTrigramModel();
        foreach (string sentence in Corpus)
        {
            model.Add(sentence);
        }

        model.Estimate();
        return model;
    }

    [Theory]
    [InlineData()]
    [InlineData("book")]
    [InlineData("<s>")]
    [InlineData("<s>", "book")]
    [InlineData("book", "an")]
    [InlineData("on", "friday")]
    [InlineData("four", "o'clock")]
    [InlineData("friday", "at")]
    public void Every_context_is_a_probability_distribution(params string[] history)
    {
        KneserNeyTrigramModel model = Estimated();
        string[] vocabulary = [.. Corpus.SelectMany(s => s.Split(' ')).Distinct(), KneserNeyTrigramModel.SentenceEnd, KneserNeyTrigramModel.Unknown];

        double sum = vocabulary.Sum(word => model.Probability(word, history));

        Assert.Equal(1.0, sum, 9);
    }

    [Fact]
    public void Seen_continuations_beat_unseen_ones_and_unknown_words_keep_some_mass()
    {
        KneserNeyTrigramModel model = Estimated();

        Assert.True(model.Probability("appointment", "book", "an") > 0.5);
        Assert.True(model.Probability("o'clock", "at", "four") > model.Probability("please", "at", "four"));
        Assert.InRange(model.Probability(KneserNeyTrigramModel.Unknown), 1e-6, 0.1);
    }

    [Fact]
    public void Lower_orders_count_distinct_contexts_not_occurrences()
    {
        // "friday" follows five different words, "appointment" only "an" and "my": Kneser-Ney ranks them by that.
        KneserNeyTrigramModel model = Estimated();

        Assert.True(model.Probability("friday") > model.Probability("appointment"));
    }

    [Fact]
    public void Writes_an_arpa_file_with_matching_counts_and_backoffs()
    {
        KneserNeyTrigramModel model = Estimated();
        var text = new StringWriter();

        model.WriteArpa(text);

        string[] lines = text.ToString().Split('\n');
        Assert.Contains($"ngram 1={model.UnigramCount + 1}", lines);
        Assert.Contains($"ngram 2={model.BigramCount}", lines);
        Assert.Contains($"ngram 3={model.TrigramCount}", lines);
        Assert.Contains("-99\t<s>", lines.Single(l => l.Contains("\t<s>", StringComparison.Ordinal) && !l.Contains(' ', StringComparison.Ordinal)), StringComparison.Ordinal);
        string unigram = lines.Single(l => l.EndsWith("\tbook", StringComparison.Ordinal) || l.Contains("\tbook\t", StringComparison.Ordinal));
        Assert.Equal(3, unigram.Split('\t').Length);   // "book" is a context, so it has a backoff weight
        Assert.Equal("\\end\\", lines.Last(l => l.Length > 0));
    }

    [Fact]
    public void Degenerate_counts_of_counts_fall_back_to_usual_discounts()
    {
        (double d1, double d2, double d3) = KneserNeyTrigramModel.DiscountsOf([5, 5, 9]);

        Assert.Equal((0.5, 1.0, 1.5), (d1, d2, d3));
        (d1, d2, d3) = KneserNeyTrigramModel.DiscountsOf([1, 1, 1, 1, 2, 2, 3, 4, 7]);
        Assert.InRange(d1, 0, 1);
        Assert.InRange(d2, 0, 2);
        Assert.InRange(d3, 0, 3);
    }
}
