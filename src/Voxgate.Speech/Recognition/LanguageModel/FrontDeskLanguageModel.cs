using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Voxgate.Speech.Recognition.LanguageModel;

/// <summary>
/// Voxgate's own front-desk language model: a Kneser-Ney trigram model of <see cref="FrontDeskCorpus"/>, written as
/// ARPA into a cache folder the first time a recogniser loads, and interpolated there with the general en-us model
/// (sphinxbase language-model sets), so booking phrases, dates, times, names and references become likely while
/// everything else is still recognised.
/// </summary>
/// <remarks>
/// The cached file is named after a hash of the corpus as this build generates it (after dropping sentences with
/// words the dictionary cannot pronounce) and of the estimator's version, so a changed generator or dictionary
/// builds a new model and an unchanged one is reused. Thread-safe; the file is written under a temporary name and
/// renamed, so processes sharing the cache never read half a model.
/// </remarks>
public sealed partial class FrontDeskLanguageModel
{
    /// <summary>
    /// The domain model's default interpolation weight. Chosen on the development sentences of <c>voxgate bench wer</c>
    /// (see docs/benchmarks.md); sphinxbase interpolates language-weighted scores, so it acts more gently than its
    /// value suggests.
    /// </summary>
    public const float DefaultWeight = 0.5f;

    /// <summary>
    /// The language weight (<c>-lw</c>) of the first search pass when the front-desk model is in the set, chosen on the
    /// same development sentences: lower than pocketsphinx's 6.5 because the domain model already makes its phrases
    /// likely, and a lighter weight lets the acoustics decide between them.
    /// </summary>
    public const float DefaultLanguageWeight = 4f;

    /// <summary>
    /// The weight of the answer model for an utterance that answers a question (<see cref="ExpectedAnswer"/>): the
    /// general and domain models share the rest in their usual proportion. Chosen on the development dialogues of
    /// <c>voxgate bench dialogues</c> (caller WER 4.0 % without answer models, 3.3 % at 0.5, 2.5 % at 0.8 and 0.9;
    /// docs/benchmarks.md); like the domain weight, it acts more gently than its value suggests.
    /// </summary>
    public const float DefaultAnswerWeight = 0.8f;

    /// <summary>Sentences sampled for each answer model: its few templates are all covered many times over.</summary>
    internal const int AnswerSentenceCount = 6_000;

    // Bump when the estimator or the file it writes changes in a way the corpus hash does not show.
    private const int EstimatorVersion = 1;
    private const string FilePrefix = "frontdesk-";
    private const string FileExtension = ".lm";
    private const string StampExtension = ".stamp";
    private static readonly TimeSpan StaleAfter = TimeSpan.FromDays(7);

    private readonly Lock _gate = new();
    private readonly Dictionary<(string Dictionary, ExpectedAnswer Model), string> _built = [];
    private readonly int _sentenceCount;

    /// <summary>Creates a model description; nothing is built until a recogniser needs it.</summary>
    /// <param name="cacheDirectory">Where the ARPA file is kept; default <see cref="DefaultCacheDirectory"/>.</param>
    /// <param name="weight">The interpolation weight of the domain model, in (0, 1).</param>
    /// <param name="languageWeight">The recogniser's language weight with this model, in (0, 20].</param>
    /// <param name="answerWeight">The answer models' weight for an utterance that answers a question, in [0, 1); 0 turns them off.</param>
    public FrontDeskLanguageModel(
        string? cacheDirectory = null, float weight = DefaultWeight, float languageWeight = DefaultLanguageWeight, float answerWeight = DefaultAnswerWeight)
        : this(cacheDirectory, weight, FrontDeskCorpus.DefaultSentenceCount, languageWeight, answerWeight)
    {
    }

    internal FrontDeskLanguageModel(
        string? cacheDirectory, float weight, int sentenceCount, float languageWeight = DefaultLanguageWeight, float answerWeight = DefaultAnswerWeight)
    {
        if (!(weight > 0f && weight < 1f))
        {
            throw new ArgumentOutOfRangeException(nameof(weight), weight, "The domain weight must be between 0 and 1.");
        }

        if (!(languageWeight > 0f && languageWeight <= 20f))
        {
            throw new ArgumentOutOfRangeException(nameof(languageWeight), languageWeight, "The language weight must be between 0 and 20.");
        }

        if (!(answerWeight >= 0f && answerWeight < 1f))
        {
            throw new ArgumentOutOfRangeException(nameof(answerWeight), answerWeight, "The answer weight must be at least 0 and below 1.");
        }

        CacheDirectory = cacheDirectory ?? DefaultCacheDirectory;
        Weight = weight;
        AnswerWeight = answerWeight;
        LanguageWeight = languageWeight;
        _sentenceCount = sentenceCount;
    }

    /// <summary>The model recognisers use unless told otherwise: the default cache folder and weight.</summary>
    public static FrontDeskLanguageModel Default { get; } = new();

    /// <summary><c>$XDG_CACHE_HOME/voxgate/lm</c>, else <c>~/.cache/voxgate/lm</c>, else the temporary folder's <c>voxgate/lm</c>.</summary>
    public static string DefaultCacheDirectory
    {
        get
        {
            string? xdg = Environment.GetEnvironmentVariable("XDG_CACHE_HOME");
            string home = Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
            string root = !string.IsNullOrEmpty(xdg) && Path.IsPathRooted(xdg) ? xdg
                : !string.IsNullOrEmpty(home) ? Path.Combine(home, ".cache")
                : Path.GetTempPath();
            return Path.Combine(root, "voxgate", "lm");
        }
    }

    /// <summary>The folder the model is cached in.</summary>
    public string CacheDirectory { get; }

    /// <summary>The domain model's interpolation weight; the general model gets the rest.</summary>
    public float Weight { get; }

    /// <summary>The recogniser's language weight (<c>-lw</c>) with this model.</summary>
    public float LanguageWeight { get; }

    /// <summary>The weight of the answer model when an utterance answers a question; 0 when answer models are not used.</summary>
    public float AnswerWeight { get; }

    /// <summary>Receives one line per build or reuse; never audio or text.</summary>
    public ILogger Logger { get; init; } = NullLogger.Instance;

    /// <summary>
    /// The ARPA file for recognisers using <paramref name="dictionaryFile"/>: the cached one when it is current,
    /// else built now (about a second). Called on a recogniser's load path, never per utterance. When neither the
    /// cache folder nor the temporary folder can be written, null: recognisers then use the general model alone
    /// rather than not at all.
    /// </summary>
    public string? EnsureBuilt(string dictionaryFile) => EnsureBuilt(dictionaryFile, ExpectedAnswer.Anything);

    /// <summary>
    /// The answer models for recognisers using <paramref name="dictionaryFile"/>, one ARPA file per kind of answer
    /// (<see cref="ExpectedAnswer"/> other than <see cref="ExpectedAnswer.Anything"/>), each a Kneser-Ney trigram model of
    /// just that part of the corpus; cached and built like <see cref="EnsureBuilt(string)"/>. Empty when
    /// <see cref="AnswerWeight"/> is 0 or nothing can be written.
    /// </summary>
    public IReadOnlyList<(ExpectedAnswer Answer, string Path)> EnsureAnswerModelsBuilt(string dictionaryFile)
    {
        ArgumentException.ThrowIfNullOrEmpty(dictionaryFile);
        if (AnswerWeight == 0f)
        {
            return [];
        }

        var built = new List<(ExpectedAnswer, string)>();
        foreach (ExpectedAnswer answer in FrontDeskCorpus.AnswerKinds)
        {
            if (EnsureBuilt(dictionaryFile, answer) is { } path)
            {
                built.Add((answer, path));
            }
        }

        return built;
    }

    /// <summary>
    /// The interpolation weights, in the set's order (<paramref name="answerModels"/>, then the general model, then the
    /// domain model), for an utterance expected to be <paramref name="expected"/>: its answer model gets
    /// <see cref="AnswerWeight"/> and the two others share the rest as <see cref="Weight"/> says; every other answer
    /// model gets 0, so an utterance expected to be anything is scored exactly as without answer models.
    /// </summary>
    internal float[] WeightsFor(ExpectedAnswer expected, IReadOnlyList<ExpectedAnswer> answerModels)
    {
        var weights = new float[answerModels.Count + 2];
        int answer = -1;
        for (int i = 0; i < answerModels.Count; i++)
        {
            if (answerModels[i] == expected)
            {
                answer = i;
            }
        }

        float rest = answer >= 0 ? 1f - AnswerWeight : 1f;
        if (answer >= 0)
        {
            weights[answer] = AnswerWeight;
        }

        weights[^2] = rest * (1f - Weight);
        weights[^1] = rest * Weight;
        return weights;
    }

    // Anything names the domain model itself; every other kind its answer model.
    private string? EnsureBuilt(string dictionaryFile, ExpectedAnswer model)
    {
        ArgumentException.ThrowIfNullOrEmpty(dictionaryFile);
        lock (_gate)
        {
            if (_built.TryGetValue((dictionaryFile, model), out string? known) && File.Exists(known))
            {
                return known;
            }

            foreach (string folder in (string[])[CacheDirectory, Path.Combine(Path.GetTempPath(), $"voxgate-lm-{Environment.UserName}")])
            {
                try
                {
                    string path = BuildOrReuse(dictionaryFile, folder, model);
                    _built[(dictionaryFile, model)] = path;
                    return path;
                }
                catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
                {
                    Log.CacheUnwritable(Logger, folder, ex);
                }
            }

            return null;
        }
    }

    private string BuildOrReuse(string dictionaryFile, string folder, ExpectedAnswer model)
    {
        long started = Stopwatch.GetTimestamp();

        // The fast path: this very build of the generator, with this dictionary, already named its model. Checking the
        // corpus itself takes a fraction of a second on a quiet machine but seconds on a busy one, on the first
        // recogniser's load path; a changed build (its module id) or dictionary goes the slow way, which decides.
        string stamp = Path.Combine(folder, StampName(dictionaryFile, model));
        if (File.Exists(stamp) && Path.Combine(folder, File.ReadAllText(stamp).Trim()) is { } stamped && File.Exists(stamped)
            && Path.GetFileName(stamped).StartsWith(Prefix(model), StringComparison.Ordinal))
        {
            File.SetLastWriteTimeUtc(stamped, DateTime.UtcNow);
            Log.Reused(Logger, stamped, Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            return stamped;
        }

        string path = BuildOrReuseCorpus(dictionaryFile, folder, model, started);
        WriteAtomically(stamp, Path.GetFileName(path));
        return path;
    }

    /// <summary>The stamp's name: this assembly's module id, the dictionary's path, size and time, the model, the sample size and the estimator.</summary>
    private string StampName(string dictionaryFile, ExpectedAnswer model)
    {
        var info = new FileInfo(dictionaryFile);
        string identity = string.Create(CultureInfo.InvariantCulture,
            $"{typeof(FrontDeskCorpus).Assembly.ManifestModule.ModuleVersionId}|{info.FullName}|{info.Length}|{info.LastWriteTimeUtc.Ticks}|{model}|{SentenceCount(model)}|{EstimatorVersion}");
        return Prefix(model) + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(identity)))[..16] + StampExtension;
    }

    // "frontdesk-…" for the domain model, "frontdesk-yesorno-…" and so on for the answer models.
    private static string Prefix(ExpectedAnswer model)
        => model == ExpectedAnswer.Anything ? FilePrefix : $"{FilePrefix}{model.ToString().ToLowerInvariant()}-";

    private int SentenceCount(ExpectedAnswer model) => model == ExpectedAnswer.Anything ? _sentenceCount : AnswerSentenceCount;

    private static void WriteAtomically(string path, string text)
    {
        string temporary = $"{path}.{Environment.ProcessId}.{Guid.NewGuid():N}.tmp";
        try
        {
            File.WriteAllText(temporary, text);
            File.Move(temporary, path, overwrite: true);
        }
        finally
        {
            File.Delete(temporary);
        }
    }

    private string BuildOrReuseCorpus(string dictionaryFile, string folder, ExpectedAnswer model, long started)
    {
        PronouncingDictionary dictionary = PronouncingDictionary.Read(dictionaryFile);
        int count = SentenceCount(model);
        var sentences = new List<string>(count);
        int dropped = 0;
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        hash.AppendData(Encoding.UTF8.GetBytes(string.Create(CultureInfo.InvariantCulture, $"estimator {EstimatorVersion}\n")));
        IEnumerable<string> corpus = model == ExpectedAnswer.Anything ? FrontDeskCorpus.Generate(count) : FrontDeskCorpus.GenerateAnswers(model, count);
        foreach (string sentence in corpus)
        {
            if (!dictionary.CanSay(sentence))
            {
                dropped++;
                continue;
            }

            sentences.Add(sentence);
            hash.AppendData(Encoding.UTF8.GetBytes(sentence));
            hash.AppendData("\n"u8);
        }

        string key = Convert.ToHexStringLower(hash.GetHashAndReset())[..16];
        string path = Path.Combine(folder, Prefix(model) + key + FileExtension);
        if (File.Exists(path))
        {
            // Touched so that the clean-up of stale models never takes one that is in use.
            File.SetLastWriteTimeUtc(path, DateTime.UtcNow);
            Log.Reused(Logger, path, Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            return path;
        }

        var trigrams = new KneserNeyTrigramModel();
        foreach (string sentence in sentences)
        {
            trigrams.Add(sentence);
        }

        trigrams.Estimate();
        Directory.CreateDirectory(folder);
        string temporary = Path.Combine(folder, $"{Prefix(model)}{key}.{Environment.ProcessId}.{Guid.NewGuid():N}.tmp");
        try
        {
            using (var writer = new StreamWriter(temporary, append: false, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false), bufferSize: 1 << 16))
            {
                trigrams.WriteArpa(writer);
            }

            File.Move(temporary, path, overwrite: true);
        }
        finally
        {
            File.Delete(temporary);
        }

        RemoveStale(folder, path);
        Log.Built(Logger, path, sentences.Count, dropped, trigrams.UnigramCount, trigrams.BigramCount, trigrams.TrigramCount,
            Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        return path;
    }

    /// <summary>
    /// Deletes models other generators wrote and nobody has used for a week. Not at once: another build of Voxgate
    /// (another version beside this one) may share the folder and be about to load its own.
    /// </summary>
    private static void RemoveStale(string folder, string current)
    {
        DateTime unusedSince = DateTime.UtcNow - StaleAfter;
        foreach (string old in Directory.EnumerateFiles(folder, FilePrefix + "*").Where(f => f.EndsWith(FileExtension, StringComparison.Ordinal) || f.EndsWith(StampExtension, StringComparison.Ordinal)))
        {
            if (!string.Equals(old, current, StringComparison.Ordinal) && File.GetLastWriteTimeUtc(old) < unusedSince)
            {
                try
                {
                    File.Delete(old);
                }
                catch (IOException)
                {
                    // Another process may be replacing it; it is only a stale cache.
                }
            }
        }
    }

    private static partial class Log
    {
        [LoggerMessage(1, LogLevel.Information, "Built the front-desk language model {Path} from {Sentences} sentences ({Dropped} dropped for words the dictionary lacks): {Unigrams} unigrams, {Bigrams} bigrams, {Trigrams} trigrams in {ElapsedMs:F0} ms.")]
        public static partial void Built(ILogger logger, string path, int sentences, int dropped, int unigrams, int bigrams, int trigrams, double elapsedMs);

        [LoggerMessage(2, LogLevel.Debug, "Reusing the front-desk language model {Path} (checked in {ElapsedMs:F0} ms).")]
        public static partial void Reused(ILogger logger, string path, double elapsedMs);

        [LoggerMessage(3, LogLevel.Warning, "Cannot write the front-desk language model in {Folder}.")]
        public static partial void CacheUnwritable(ILogger logger, string folder, Exception exception);
    }
}
