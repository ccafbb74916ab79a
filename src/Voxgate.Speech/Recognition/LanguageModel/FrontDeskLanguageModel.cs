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

    // Bump when the estimator or the file it writes changes in a way the corpus hash does not show.
    private const int EstimatorVersion = 1;
    private const string FilePrefix = "frontdesk-";
    private const string FileExtension = ".lm";
    private const string StampExtension = ".stamp";
    private static readonly TimeSpan StaleAfter = TimeSpan.FromDays(7);

    private readonly Lock _gate = new();
    private readonly Dictionary<string, string> _built = new(StringComparer.Ordinal);
    private readonly int _sentenceCount;

    /// <summary>Creates a model description; nothing is built until a recogniser needs it.</summary>
    /// <param name="cacheDirectory">Where the ARPA file is kept; default <see cref="DefaultCacheDirectory"/>.</param>
    /// <param name="weight">The interpolation weight of the domain model, in (0, 1).</param>
    /// <param name="languageWeight">The recogniser's language weight with this model, in (0, 20].</param>
    public FrontDeskLanguageModel(string? cacheDirectory = null, float weight = DefaultWeight, float languageWeight = DefaultLanguageWeight)
        : this(cacheDirectory, weight, FrontDeskCorpus.DefaultSentenceCount, languageWeight)
    {
    }

    internal FrontDeskLanguageModel(string? cacheDirectory, float weight, int sentenceCount, float languageWeight = DefaultLanguageWeight)
    {
        if (!(weight > 0f && weight < 1f))
        {
            throw new ArgumentOutOfRangeException(nameof(weight), weight, "The domain weight must be between 0 and 1.");
        }

        if (!(languageWeight > 0f && languageWeight <= 20f))
        {
            throw new ArgumentOutOfRangeException(nameof(languageWeight), languageWeight, "The language weight must be between 0 and 20.");
        }

        CacheDirectory = cacheDirectory ?? DefaultCacheDirectory;
        Weight = weight;
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

    /// <summary>Receives one line per build or reuse; never audio or text.</summary>
    public ILogger Logger { get; init; } = NullLogger.Instance;

    /// <summary>
    /// The ARPA file for recognisers using <paramref name="dictionaryFile"/>: the cached one when it is current,
    /// else built now (about a second). Called on a recogniser's load path, never per utterance. When neither the
    /// cache folder nor the temporary folder can be written, null: recognisers then use the general model alone
    /// rather than not at all.
    /// </summary>
    public string? EnsureBuilt(string dictionaryFile)
    {
        ArgumentException.ThrowIfNullOrEmpty(dictionaryFile);
        lock (_gate)
        {
            if (_built.TryGetValue(dictionaryFile, out string? known) && File.Exists(known))
            {
                return known;
            }

            foreach (string folder in (string[])[CacheDirectory, Path.Combine(Path.GetTempPath(), $"voxgate-lm-{Environment.UserName}")])
            {
                try
                {
                    string path = BuildOrReuse(dictionaryFile, folder);
                    _built[dictionaryFile] = path;
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

    private string BuildOrReuse(string dictionaryFile, string folder)
    {
        long started = Stopwatch.GetTimestamp();

        // The fast path: this very build of the generator, with this dictionary, already named its model. Checking the
        // corpus itself takes a fraction of a second on a quiet machine but seconds on a busy one, on the first
        // recogniser's load path; a changed build (its module id) or dictionary goes the slow way, which decides.
        string stamp = Path.Combine(folder, StampName(dictionaryFile));
        if (File.Exists(stamp) && Path.Combine(folder, File.ReadAllText(stamp).Trim()) is { } stamped && File.Exists(stamped)
            && Path.GetFileName(stamped).StartsWith(FilePrefix, StringComparison.Ordinal))
        {
            File.SetLastWriteTimeUtc(stamped, DateTime.UtcNow);
            Log.Reused(Logger, stamped, Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            return stamped;
        }

        string path = BuildOrReuseCorpus(dictionaryFile, folder, started);
        WriteAtomically(stamp, Path.GetFileName(path));
        return path;
    }

    /// <summary>The stamp's name: this assembly's module id, the dictionary's path, size and time, the sample size and the estimator.</summary>
    private string StampName(string dictionaryFile)
    {
        var info = new FileInfo(dictionaryFile);
        string identity = string.Create(CultureInfo.InvariantCulture,
            $"{typeof(FrontDeskCorpus).Assembly.ManifestModule.ModuleVersionId}|{info.FullName}|{info.Length}|{info.LastWriteTimeUtc.Ticks}|{_sentenceCount}|{EstimatorVersion}");
        return FilePrefix + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(identity)))[..16] + StampExtension;
    }

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

    private string BuildOrReuseCorpus(string dictionaryFile, string folder, long started)
    {
        PronouncingDictionary dictionary = PronouncingDictionary.Read(dictionaryFile);
        var sentences = new List<string>(_sentenceCount);
        int dropped = 0;
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        hash.AppendData(Encoding.UTF8.GetBytes(string.Create(CultureInfo.InvariantCulture, $"estimator {EstimatorVersion}\n")));
        foreach (string sentence in FrontDeskCorpus.Generate(_sentenceCount))
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
        string path = Path.Combine(folder, FilePrefix + key + FileExtension);
        if (File.Exists(path))
        {
            // Touched so that the clean-up of stale models never takes one that is in use.
            File.SetLastWriteTimeUtc(path, DateTime.UtcNow);
            Log.Reused(Logger, path, Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            return path;
        }

        var model = new KneserNeyTrigramModel();
        foreach (string sentence in sentences)
        {
            model.Add(sentence);
        }

        model.Estimate();
        Directory.CreateDirectory(folder);
        string temporary = Path.Combine(folder, $"{FilePrefix}{key}.{Environment.ProcessId}.{Guid.NewGuid():N}.tmp");
        try
        {
            using (var writer = new StreamWriter(temporary, append: false, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false), bufferSize: 1 << 16))
            {
                model.WriteArpa(writer);
            }

            File.Move(temporary, path, overwrite: true);
        }
        finally
        {
            File.Delete(temporary);
        }

        RemoveStale(folder, path);
        Log.Built(Logger, path, sentences.Count, dropped, model.UnigramCount, model.BigramCount, model.TrigramCount,
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
