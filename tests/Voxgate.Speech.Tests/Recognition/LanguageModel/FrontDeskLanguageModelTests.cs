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
    }
}
