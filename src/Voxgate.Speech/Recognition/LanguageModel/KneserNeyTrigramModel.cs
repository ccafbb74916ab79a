using System.Globalization;
using System.Text;

namespace Voxgate.Speech.Recognition.LanguageModel;

/// <summary>
/// A trigram language model estimated with interpolated modified Kneser-Ney smoothing (Chen and Goodman 1998, with
/// the adjusted lower-order counts and per-order discounts D1, D2, D3+ that KenLM's lmplz uses), written as ARPA.
/// </summary>
/// <remarks>
/// Lower orders count how many different words precede an n-gram rather than how often it occurs (an n-gram that
/// starts with &lt;s&gt; keeps its plain count: nothing can precede it). Every probability interpolates with the next
/// lower order through the context's backoff weight; the unigrams interpolate with the uniform distribution over the
/// vocabulary, which is what gives &lt;unk&gt; its probability. In ARPA the interpolated probabilities are written for
/// every seen n-gram and the interpolation weight of a context is its backoff weight.
/// </remarks>
internal sealed class KneserNeyTrigramModel
{
    public const string SentenceStart = "<s>";
    public const string SentenceEnd = "</s>";
    public const string Unknown = "<unk>";

    private readonly Dictionary<string, int> _ids = new(StringComparer.Ordinal);
    private readonly List<string> _words = [];
    private readonly Dictionary<(int, int, int), int> _trigrams = [];
    private readonly Dictionary<(int, int), int> _bigrams = [];
    private readonly Dictionary<int, int> _unigrams = [];

    private Dictionary<int, double>? _p1;
    private Dictionary<(int, int), double>? _p2;
    private Dictionary<(int, int, int), double>? _p3;
    private Dictionary<int, double>? _backoff1;
    private Dictionary<(int, int), double>? _backoff2;

    public KneserNeyTrigramModel()
    {
        Id(SentenceStart);
        Id(SentenceEnd);
        Id(Unknown);
    }

    /// <summary>Sentences counted.</summary>
    public int Sentences { get; private set; }

    /// <summary>The discounts per order (index 0 = unigrams), each D1, D2, D3+.</summary>
    public IReadOnlyList<(double D1, double D2, double D3)> Discounts { get; private set; } = [];

    public int UnigramCount => _p1?.Count ?? 0;

    public int BigramCount => _p2?.Count ?? 0;

    public int TrigramCount => _p3?.Count ?? 0;

    /// <summary>Counts the n-grams of one sentence (words separated by spaces, without &lt;s&gt; and &lt;/s&gt;).</summary>
    public void Add(string sentence)
    {
        if (_p1 is not null)
        {
            throw new InvalidOperationException("The model is already estimated.");
        }

        string[] words = sentence.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (words.Length == 0)
        {
            return;
        }

        var ids = new int[words.Length + 2];
        ids[0] = Id(SentenceStart);
        for (int i = 0; i < words.Length; i++)
        {
            ids[i + 1] = Id(words[i]);
        }

        ids[^1] = Id(SentenceEnd);
        for (int i = 2; i < ids.Length; i++)
        {
            var trigram = (ids[i - 2], ids[i - 1], ids[i]);
            _trigrams[trigram] = _trigrams.GetValueOrDefault(trigram) + 1;
        }

        // A sentence of one word has no trigram for "<s> w"; count the bigram that starts it directly.
        var first = (ids[0], ids[1]);
        _bigrams[first] = _bigrams.GetValueOrDefault(first) + 1;
        Sentences++;
    }

    /// <summary>Computes the probabilities and backoff weights from the counts.</summary>
    public void Estimate()
    {
        if (Sentences == 0)
        {
            throw new InvalidOperationException("No sentences were counted.");
        }

        int start = _ids[SentenceStart];

        // Adjusted bigram counts: distinct left words of each bigram, or the plain count for "<s> w".
        var bigramCounts = new Dictionary<(int, int), int>();
        foreach (((int u, int v, int w), _) in _trigrams)
        {
            bigramCounts[(v, w)] = bigramCounts.GetValueOrDefault((v, w)) + 1;
        }

        foreach (((int v, int w), int count) in _bigrams)
        {
            // Only the "<s> w" bigrams were counted plainly; nothing precedes them in a trigram.
            bigramCounts[(v, w)] = count;
        }

        // Adjusted unigram counts: distinct left words of each word.
        var unigramCounts = new Dictionary<int, int>();
        foreach (((int v, int w), _) in bigramCounts)
        {
            unigramCounts[w] = unigramCounts.GetValueOrDefault(w) + 1;
        }

        (double, double, double) d1 = DiscountsOf(unigramCounts.Values);
        (double, double, double) d2 = DiscountsOf(bigramCounts.Values);
        (double, double, double) d3 = DiscountsOf(_trigrams.Values);
        Discounts = [d1, d2, d3];

        // Unigrams, interpolated with the uniform distribution over every word but <s>.
        int vocabulary = _words.Count - 1;
        double total1 = unigramCounts.Values.Sum();
        (double gamma0, _) = Gamma(unigramCounts.Values, total1, d1);
        _p1 = [];
        for (int id = 0; id < _words.Count; id++)
        {
            if (id == start)
            {
                continue;
            }

            int count = unigramCounts.GetValueOrDefault(id);
            _p1[id] = (Math.Max(count - Discount(count, d1), 0) / total1) + (gamma0 / vocabulary);
        }

        // Bigrams.
        var byContext2 = bigramCounts.GroupBy(pair => pair.Key.Item1).ToDictionary(group => group.Key, group => group.ToList());
        _p2 = [];
        _backoff1 = [];
        foreach ((int v, List<KeyValuePair<(int, int), int>> followers) in byContext2)
        {
            double total = followers.Sum(f => f.Value);
            (double gamma, _) = Gamma(followers.Select(f => f.Value), total, d2);
            _backoff1[v] = gamma;
            foreach (((int _, int w), int count) in followers)
            {
                _p2[(v, w)] = (Math.Max(count - Discount(count, d2), 0) / total) + (gamma * _p1[w]);
            }
        }

        // Trigrams.
        var byContext3 = _trigrams.GroupBy(pair => (pair.Key.Item1, pair.Key.Item2)).ToDictionary(group => group.Key, group => group.ToList());
        _p3 = [];
        _backoff2 = [];
        foreach (((int u, int v), List<KeyValuePair<(int, int, int), int>> followers) in byContext3)
        {
            double total = followers.Sum(f => f.Value);
            (double gamma, _) = Gamma(followers.Select(f => f.Value), total, d3);
            _backoff2[(u, v)] = gamma;
            foreach (((int _, int _, int w), int count) in followers)
            {
                _p3[(u, v, w)] = (Math.Max(count - Discount(count, d3), 0) / total) + (gamma * _p2[(v, w)]);
            }
        }
    }

    /// <summary>The model's probability of <paramref name="word"/> after <paramref name="history"/> (up to two words), as ARPA backoff reads it.</summary>
    public double Probability(string word, params string[] history)
    {
        if (_p1 is null)
        {
            throw new InvalidOperationException("Estimate first.");
        }

        int w = _ids.GetValueOrDefault(word, _ids[Unknown]);
        int[] h = [.. history.TakeLast(2).Select(x => _ids.GetValueOrDefault(x, _ids[Unknown]))];
        if (h.Length == 2)
        {
            if (_p3!.TryGetValue((h[0], h[1], w), out double p3))
            {
                return p3;
            }

            return _backoff2!.GetValueOrDefault((h[0], h[1]), 1.0) * Probability(word, history[^1]);
        }

        if (h.Length == 1)
        {
            if (_p2!.TryGetValue((h[0], w), out double p2))
            {
                return p2;
            }

            return _backoff1!.GetValueOrDefault(h[0], 1.0) * _p1[w];
        }

        return _p1[w];
    }

    /// <summary>Writes the model in ARPA format, n-grams sorted by word for a stable file.</summary>
    public void WriteArpa(TextWriter writer)
    {
        if (_p1 is null)
        {
            throw new InvalidOperationException("Estimate first.");
        }

        writer.NewLine = "\n";
        writer.WriteLine();
        writer.WriteLine("\\data\\");
        writer.WriteLine(Invariant($"ngram 1={_p1.Count + 1}"));
        writer.WriteLine(Invariant($"ngram 2={_p2!.Count}"));
        writer.WriteLine(Invariant($"ngram 3={_p3!.Count}"));
        writer.WriteLine();

        writer.WriteLine("\\1-grams:");
        int start = _ids[SentenceStart];
        foreach (int id in Enumerable.Range(0, _words.Count).OrderBy(i => _words[i], StringComparer.Ordinal))
        {
            string probability = id == start ? "-99" : Log(_p1[id]);
            writer.WriteLine(_backoff1!.TryGetValue(id, out double backoff)
                ? $"{probability}\t{_words[id]}\t{Log(backoff)}"
                : $"{probability}\t{_words[id]}");
        }

        writer.WriteLine();
        writer.WriteLine("\\2-grams:");
        foreach (((int v, int w), double p) in _p2.OrderBy(e => _words[e.Key.Item1], StringComparer.Ordinal).ThenBy(e => _words[e.Key.Item2], StringComparer.Ordinal))
        {
            writer.WriteLine(_backoff2!.TryGetValue((v, w), out double backoff)
                ? $"{Log(p)}\t{_words[v]} {_words[w]}\t{Log(backoff)}"
                : $"{Log(p)}\t{_words[v]} {_words[w]}");
        }

        writer.WriteLine();
        writer.WriteLine("\\3-grams:");
        var line = new StringBuilder();
        foreach (((int u, int v, int w), double p) in _p3.OrderBy(e => _words[e.Key.Item1], StringComparer.Ordinal)
            .ThenBy(e => _words[e.Key.Item2], StringComparer.Ordinal).ThenBy(e => _words[e.Key.Item3], StringComparer.Ordinal))
        {
            line.Clear().Append(Log(p)).Append('\t').Append(_words[u]).Append(' ').Append(_words[v]).Append(' ').Append(_words[w]);
            writer.WriteLine(line);
        }

        writer.WriteLine();
        writer.WriteLine("\\end\\");
    }

    /// <summary>
    /// D1, D2, D3+ from the counts of counts (Chen and Goodman's estimates). Generated text can make them
    /// degenerate (no n-gram seen exactly once or twice); each then falls back to a common value.
    /// </summary>
    internal static (double D1, double D2, double D3) DiscountsOf(IEnumerable<int> counts)
    {
        long n1 = 0, n2 = 0, n3 = 0, n4 = 0;
        foreach (int count in counts)
        {
            switch (count)
            {
                case 1: n1++; break;
                case 2: n2++; break;
                case 3: n3++; break;
                case 4: n4++; break;
            }
        }

        double y = n1 + (2 * n2) > 0 ? n1 / (double)(n1 + (2 * n2)) : 0;
        double d1 = n1 > 0 ? 1 - (2 * y * n2 / n1) : double.NaN;
        double d2 = n2 > 0 ? 2 - (3 * y * n3 / n2) : double.NaN;
        double d3 = n3 > 0 ? 3 - (4 * y * n4 / n3) : double.NaN;
        return (Valid(d1, 1, 0.5), Valid(d2, 2, 1.0), Valid(d3, 3, 1.5));

        static double Valid(double d, int k, double fallback) => double.IsFinite(d) && d > 0 && d < k ? d : fallback;
    }

    private static double Discount(int count, (double D1, double D2, double D3) d) => count switch
    {
        0 => 0,
        1 => d.D1,
        2 => d.D2,
        _ => d.D3,
    };

    /// <summary>The mass the discounts free in a context, as a share of its total: its interpolation (backoff) weight.</summary>
    private static (double Gamma, int Types) Gamma(IEnumerable<int> counts, double total, (double D1, double D2, double D3) d)
    {
        double freed = 0;
        int types = 0;
        foreach (int count in counts)
        {
            freed += Math.Min(Discount(count, d), count);
            types++;
        }

        return (freed / total, types);
    }

    private int Id(string word)
    {
        if (!_ids.TryGetValue(word, out int id))
        {
            id = _words.Count;
            _ids[word] = id;
            _words.Add(word);
        }

        return id;
    }

    private static string Log(double probability) => Math.Log10(probability).ToString("0.######", CultureInfo.InvariantCulture);

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
