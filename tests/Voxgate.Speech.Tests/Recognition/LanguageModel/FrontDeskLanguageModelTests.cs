using Voxgate.Speech.Recognition.LanguageModel;

namespace Voxgate.Speech.Tests.Recognition.LanguageModel;

public sealed class FrontDeskLanguageModelTests : IDisposable
{
    private const string Dictionary = "/usr/share/pocketsphinx/model/en-us/cmudict-en-us.dict";

    private readonly string _cache = Path.Combine(Path.GetTempPath(), $"voxgate-lm-test-{Guid.NewGuid():N}");

    public void Dispose()
    {
        if (Directory.Exists(_cache))
        {
            Directory.Delete(_cache, recursive: true);
        }
    }

    [Fact]
    public void Builds_once_into_the_cache_and_reuses_the_file_while_the_generator_is_unchanged()
    {
        string built = new FrontDeskLanguageModel(_cache, 0.5f, sentenceCount: 2_000).EnsureBuilt(Dictionary)!;
        DateTime written = File.GetLastWriteTimeUtc(built);
        long length = new FileInfo(built).Length;

        string again = new FrontDeskLanguageModel(_cache, 0.5f, sentenceCount: 2_000).EnsureBuilt(Dictionary)!;

        Assert.Equal(built, again);
        Assert.Equal(length, new FileInfo(again).Length);
        Assert.True(File.GetLastWriteTimeUtc(again) >= written);
        Assert.StartsWith(_cache, built, StringComparison.Ordinal);
        Assert.Single(Directory.GetFiles(_cache, "*.lm"));
        Assert.Contains("\\data\\", File.ReadLines(built).Take(3));
    }

    [Fact]
    public void The_same_build_finds_its_model_by_stamp_and_a_stamp_without_its_model_builds_again()
    {
        string built = new FrontDeskLanguageModel(_cache, 0.5f, sentenceCount: 2_000).EnsureBuilt(Dictionary)!;
        Assert.Single(Directory.GetFiles(_cache, "*.stamp"));

        File.Delete(built);
        string rebuilt = new FrontDeskLanguageModel(_cache, 0.5f, sentenceCount: 2_000).EnsureBuilt(Dictionary)!;

        Assert.Equal(built, rebuilt);
        Assert.True(File.Exists(rebuilt));
    }

    [Fact]
    public void A_changed_generator_builds_a_new_model()
    {
        // A different sample is a different corpus, as a changed template would be.
        string first = new FrontDeskLanguageModel(_cache, 0.5f, sentenceCount: 2_000).EnsureBuilt(Dictionary)!;
        string second = new FrontDeskLanguageModel(_cache, 0.5f, sentenceCount: 2_500).EnsureBuilt(Dictionary)!;

        Assert.NotEqual(first, second);
        Assert.True(File.Exists(second));
    }

    [Fact]
    public void Words_the_dictionary_cannot_pronounce_are_left_out()
    {
        // A dictionary that knows only a few words keeps only the sentences made of them.
        string small = Path.Combine(_cache, "small.dict");
        Directory.CreateDirectory(_cache);
        File.WriteAllLines(small, ["yes Y EH S", "please P L IY Z", "no N OW", "thanks TH AE NG K S", "thank TH AE NG K", "you Y UW", "okay OW K EY", "sure SH UH R"]);

        string built = new FrontDeskLanguageModel(Path.Combine(_cache, "lm"), 0.5f, sentenceCount: 3_000).EnsureBuilt(small)!;

        string[] unigrams = [.. File.ReadLines(built).SkipWhile(l => l != "\\1-grams:").Skip(1).TakeWhile(l => l.Length > 0).Select(l => l.Split('\t')[1])];
        Assert.Subset(new HashSet<string>(["yes", "please", "no", "thanks", "thank", "you", "okay", "sure", "<s>", "</s>", "<unk>"]), unigrams.ToHashSet());
        Assert.Contains("yes", unigrams);
    }

    [Fact]
    public void An_unwritable_cache_falls_back_to_the_temporary_folder()
    {
        string? built = new FrontDeskLanguageModel("/proc/voxgate-cannot-write-here", 0.5f, sentenceCount: 2_000).EnsureBuilt(Dictionary);

        Assert.NotNull(built);
        Assert.StartsWith(Path.GetTempPath(), built, StringComparison.Ordinal);
        File.Delete(built);
    }

    [Fact]
    public void The_weight_must_be_a_share()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new FrontDeskLanguageModel(_cache, 0f));
        Assert.Throws<ArgumentOutOfRangeException>(() => new FrontDeskLanguageModel(_cache, 1f));
        Assert.Throws<ArgumentOutOfRangeException>(() => new FrontDeskLanguageModel(_cache, answerWeight: 1f));
        Assert.Throws<ArgumentOutOfRangeException>(() => new FrontDeskLanguageModel(_cache, answerWeight: -0.1f));
    }

    [Fact]
    public void Builds_one_answer_model_per_kind_of_answer_from_that_part_of_the_corpus_and_reuses_them()
    {
        var model = new FrontDeskLanguageModel(_cache, 0.5f, sentenceCount: 2_000);
        IReadOnlyList<(ExpectedAnswer Answer, string Path)> answers = model.EnsureAnswerModelsBuilt(Dictionary);

        Assert.Equal(FrontDeskCorpus.AnswerKinds, answers.Select(a => a.Answer));
        Assert.Equal(answers.Count, answers.Select(a => a.Path).Distinct().Count());
        string names = File.ReadAllText(answers.Single(a => a.Answer == ExpectedAnswer.Name).Path).Replace(' ', '\t');
        Assert.Contains("\tsmith\t", names, StringComparison.Ordinal);
        Assert.Contains("\tmy\tname\t", names, StringComparison.Ordinal);
        Assert.DoesNotContain("\thours\t", names, StringComparison.Ordinal);
        Assert.StartsWith(Path.Combine(_cache, "frontdesk-name-"), answers[0].Path, StringComparison.Ordinal);

        // Reused as they are by the next recogniser, and none with the answer models turned off.
        Assert.Equal(answers, new FrontDeskLanguageModel(_cache, 0.5f, sentenceCount: 2_000).EnsureAnswerModelsBuilt(Dictionary));
        Assert.Empty(new FrontDeskLanguageModel(_cache, 0.5f, sentenceCount: 2_000, answerWeight: 0f).EnsureAnswerModelsBuilt(Dictionary));
    }

    [Fact]
    public void Each_kind_of_answer_is_sampled_from_its_own_part_of_the_corpus()
    {
        Assert.Contains("yes", FrontDeskCorpus.GenerateAnswers(ExpectedAnswer.YesOrNo, 500));
        Assert.All(FrontDeskCorpus.GenerateAnswers(ExpectedAnswer.Reference, 200), s => Assert.Contains("g b", s, StringComparison.Ordinal));
        Assert.Equal(FrontDeskCorpus.GenerateAnswers(ExpectedAnswer.Name, 300), FrontDeskCorpus.GenerateAnswers(ExpectedAnswer.Name, 300));
        Assert.Throws<ArgumentOutOfRangeException>(() => FrontDeskCorpus.GenerateAnswers(ExpectedAnswer.Anything, 1).ToList());
    }

    [Fact]
    public void An_answer_model_gets_its_weight_only_for_its_own_answer_and_anything_is_scored_by_the_two_models_alone()
    {
        var model = new FrontDeskLanguageModel(_cache, 0.4f, sentenceCount: 2_000, answerWeight: 0.5f);
        ExpectedAnswer[] kinds = [ExpectedAnswer.YesOrNo, ExpectedAnswer.Name];

        // In the set's order: the answer models, then the general model, then the domain model.
        AssertWeights([0f, 0f, 0.6f, 0.4f], model.WeightsFor(ExpectedAnswer.Anything, kinds));
        AssertWeights([0f, 0.5f, 0.3f, 0.2f], model.WeightsFor(ExpectedAnswer.Name, kinds));

        // An answer without a model of its own is listened to as anything.
        AssertWeights([0f, 0f, 0.6f, 0.4f], model.WeightsFor(ExpectedAnswer.Time, kinds));
    }

    private static void AssertWeights(float[] expected, float[] actual)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (int i = 0; i < expected.Length; i++)
        {
            Assert.Equal(expected[i], actual[i], 1e-6f);
        }

        Assert.Equal(1f, actual.Sum(), 1e-6f);
    }
}
