using System.Text.RegularExpressions;

namespace Voxgate.Calls.Analytics;

/// <summary>
/// VADER's rules, ported from the npm package <c>vader-sentiment</c> 1.1.3 (src/vaderSentiment.js, Copyright 2018
/// Comcast Cable Communications Management, LLC, Apache-2.0; a port of C.J. Hutto's vaderSentiment, MIT): boosters and
/// dampeners, ALL-CAPS emphasis, negation within three words, "least", "but", idioms, and "!"/"?" emphasis, summed and
/// normalised to the compound score −1…1. Kept line for line with the JavaScript so its results match to 4 decimals.
/// </summary>
public sealed partial class VaderAnalyzer(VaderLexicon lexicon)
{
    private const double BIncr = 0.293;
    private const double BDecr = -0.293;
    private const double CIncr = 0.733;
    private const double NScalar = -0.74;

    private static readonly string[] PuncList = [".", "!", "?", ",", ";", ":", "-", "'", "\"", "!!", "!!!", "??", "???", "?!?", "!?!", "?!?!", "!?!?"];

    private static readonly HashSet<string> Negate =
    [
        "aint", "arent", "cannot", "cant", "couldnt", "darent", "didnt", "doesnt", "ain't", "aren't", "can't", "couldn't", "daren't",
        "didn't", "doesn't", "dont", "hadnt", "hasnt", "havent", "isnt", "mightnt", "mustnt", "neither", "don't", "hadn't", "hasn't",
        "haven't", "isn't", "mightn't", "mustn't", "neednt", "needn't", "never", "none", "nope", "nor", "not", "nothing", "nowhere",
        "oughtnt", "shant", "shouldnt", "uhuh", "wasnt", "werent", "oughtn't", "shan't", "shouldn't", "uh-uh", "wasn't", "weren't",
        "without", "wont", "wouldnt", "won't", "wouldn't", "rarely", "seldom", "despite",
    ];

    private static readonly Dictionary<string, double> Boosters = new(StringComparer.Ordinal)
    {
        ["absolutely"] = BIncr, ["amazingly"] = BIncr, ["awfully"] = BIncr, ["completely"] = BIncr, ["considerably"] = BIncr,
        ["decidedly"] = BIncr, ["deeply"] = BIncr, ["effing"] = BIncr, ["enormously"] = BIncr, ["entirely"] = BIncr,
        ["especially"] = BIncr, ["exceptionally"] = BIncr, ["extremely"] = BIncr, ["fabulously"] = BIncr, ["flipping"] = BIncr,
        ["flippin"] = BIncr, ["fricking"] = BIncr, ["frickin"] = BIncr, ["frigging"] = BIncr, ["friggin"] = BIncr, ["fully"] = BIncr,
        ["fucking"] = BIncr, ["greatly"] = BIncr, ["hella"] = BIncr, ["highly"] = BIncr, ["hugely"] = BIncr, ["incredibly"] = BIncr,
        ["intensely"] = BIncr, ["majorly"] = BIncr, ["more"] = BIncr, ["most"] = BIncr, ["particularly"] = BIncr, ["purely"] = BIncr,
        ["quite"] = BIncr, ["really"] = BIncr, ["remarkably"] = BIncr, ["so"] = BIncr, ["substantially"] = BIncr, ["thoroughly"] = BIncr,
        ["totally"] = BIncr, ["tremendously"] = BIncr, ["uber"] = BIncr, ["unbelievably"] = BIncr, ["unusually"] = BIncr,
        ["utterly"] = BIncr, ["very"] = BIncr,
        ["almost"] = BDecr, ["barely"] = BDecr, ["hardly"] = BDecr, ["just enough"] = BDecr, ["kind of"] = BDecr, ["kinda"] = BDecr,
        ["kindof"] = BDecr, ["kind-of"] = BDecr, ["less"] = BDecr, ["little"] = BDecr, ["marginally"] = BDecr, ["occasionally"] = BDecr,
        ["partly"] = BDecr, ["scarcely"] = BDecr, ["slightly"] = BDecr, ["somewhat"] = BDecr, ["sort of"] = BDecr, ["sorta"] = BDecr,
        ["sortof"] = BDecr, ["sort-of"] = BDecr,
    };

    private static readonly Dictionary<string, double> SpecialCaseIdioms = new(StringComparer.Ordinal)
    {
        ["the shit"] = 3, ["the bomb"] = 3, ["bad ass"] = 1.5, ["yeah right"] = -2, ["cut the mustard"] = 2, ["kiss of death"] = -1.5, ["hand to mouth"] = -2,
    };

    // JavaScript reads past an array's start as undefined; its string form never matches an idiom.
    private const string Undefined = "undefined";

    /// <summary>The compound score of <paramref name="text"/>: −1 (most negative) … 1 (most positive), rounded to 4 decimals.</summary>
    public double Compound(string text) => Score(text).Compound;

    /// <summary>The compound score, and the lexicon words that carried it (with their adjusted valence).</summary>
    public VaderScore Score(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        List<string> words = WordsAndEmoticons(text);
        bool isCapDiff = AllCapDifferential(words);
        var sentiments = new List<double>(words.Count);
        var carriers = new List<(string Word, double Valence)>();
        for (int i = 0; i < words.Count; i++)
        {
            string item = words[i];
            string lower = item.ToLowerInvariant();
            if ((i < words.Count - 1 && lower == "kind" && string.Equals(words[i + 1], "of", StringComparison.OrdinalIgnoreCase)) || Boosters.ContainsKey(lower))
            {
                sentiments.Add(0);
                continue;
            }

            double valence = SentimentValence(words, isCapDiff, item, i);
            sentiments.Add(valence);
            if (valence != 0)
            {
                carriers.Add((item, valence));
            }
        }

        ButCheck(words, sentiments);
        return new VaderScore(ScoreValence(sentiments, text), carriers);
    }

    private double SentimentValence(List<string> words, bool isCapDiff, string item, int index)
    {
        double valence = 0;
        if (lexicon.TryGet(item.ToLowerInvariant(), out valence))
        {
            if (IsUpperPython(item) && isCapDiff)
            {
                valence = valence > 0 ? valence + CIncr : valence - CIncr;
            }

            for (int startI = 0; startI < 3; startI++)
            {
                if (index > startI && !lexicon.Contains(words[index - (startI + 1)].ToLowerInvariant()))
                {
                    double s = ScalarIncDec(words[index - (startI + 1)], valence, isCapDiff);
                    if (startI == 1 && s != 0)
                    {
                        s *= 0.95;
                    }
                    else if (startI == 2 && s != 0)
                    {
                        s *= 0.9;
                    }

                    valence += s;
                    valence = NeverCheck(valence, words, startI, index);
                    if (startI == 2)
                    {
                        valence = IdiomsCheck(valence, words, index);
                    }
                }
            }

            valence = LeastCheck(valence, words, index);
        }

        return valence;
    }

    private double LeastCheck(double valence, List<string> words, int index)
    {
        if (index > 1 && string.Equals(words[index - 1], "least", StringComparison.OrdinalIgnoreCase) && !lexicon.Contains("least"))
        {
            string before = words[index - 2].ToLowerInvariant();
            if (before != "at" && before != "very")
            {
                valence *= NScalar;
            }
        }
        else if (index > 0 && string.Equals(words[index - 1], "least", StringComparison.OrdinalIgnoreCase) && !lexicon.Contains("least"))
        {
            valence *= NScalar;
        }

        return valence;
    }

    private static void ButCheck(List<string> words, List<double> sentiments)
    {
        int but = words.IndexOf("but");
        if (but == -1)
        {
            but = words.IndexOf("BUT");
        }

        if (but == -1)
        {
            return;
        }

        for (int i = 0; i < sentiments.Count; i++)
        {
            if (i < but)
            {
                sentiments[i] *= 0.5;
            }
            else if (i > but)
            {
                sentiments[i] *= 1.5;
            }
        }
    }

    private static double IdiomsCheck(double valence, List<string> words, int index)
    {
        string At(int i) => i >= 0 && i < words.Count ? words[i] : Undefined;
        string oneZero = $"{At(index - 1)} {At(index)}";
        string twoOneZero = $"{At(index - 2)} {At(index - 1)} {At(index)}";
        string twoOne = $"{At(index - 2)} {At(index - 1)}";
        string threeTwoOne = $"{At(index - 3)} {At(index - 2)} {At(index - 1)}";
        string threeTwo = $"{At(index - 3)} {At(index - 2)}";
        foreach (string sequence in (string[])[oneZero, twoOneZero, twoOne, threeTwoOne, threeTwo])
        {
            if (SpecialCaseIdioms.TryGetValue(sequence, out double idiom))
            {
                valence = idiom;
                break;
            }
        }

        if (words.Count - 1 > index && SpecialCaseIdioms.TryGetValue($"{words[index]} {words[index + 1]}", out double zeroOne))
        {
            valence = zeroOne;
        }

        if (words.Count - 1 > index + 1 && SpecialCaseIdioms.TryGetValue($"{words[index]} {words[index + 1]} {words[index + 2]}", out double zeroOneTwo))
        {
            valence = zeroOneTwo;
        }

        if (Boosters.ContainsKey(threeTwo) || Boosters.ContainsKey(twoOne))
        {
            valence += BDecr;
        }

        return valence;
    }

    private static double NeverCheck(double valence, List<string> words, int startI, int index)
    {
        string At(int i) => i >= 0 && i < words.Count ? words[i] : Undefined;
        if (startI == 0 && Negated(At(index - 1)))
        {
            valence *= NScalar;
        }

        if (startI == 1)
        {
            if (At(index - 2) == "never" && (At(index - 1) == "so" || At(index - 1) == "this"))
            {
                valence *= 1.5;
            }
            else if (Negated(At(index - (startI + 1))))
            {
                valence *= NScalar;
            }
        }

        if (startI == 2)
        {
            if ((At(index - 3) == "never" && (At(index - 2) == "so" || At(index - 2) == "this")) || At(index - 1) == "so" || At(index - 1) == "this")
            {
                valence *= 1.25;
            }
            else if (Negated(At(index - (startI + 1))))
            {
                valence *= NScalar;
            }
        }

        return valence;
    }

    /// <summary>vader-sentiment's <c>negated([word])</c>: a negation word, or any word with "n't".</summary>
    private static bool Negated(string word) => Negate.Contains(word) || word.Contains("n't", StringComparison.Ordinal);

    private static double ScalarIncDec(string word, double valence, bool isCapDiff)
    {
        double scalar = 0;
        if (Boosters.TryGetValue(word.ToLowerInvariant(), out double boost))
        {
            scalar = valence < 0 ? -boost : boost;
            if (isCapDiff && IsUpperPython(word))
            {
                scalar = valence > 0 ? scalar + CIncr : scalar - CIncr;
            }
        }

        return scalar;
    }

    private static double ScoreValence(List<double> sentiments, string text)
    {
        if (sentiments.Count == 0)
        {
            return 0;
        }

        double sum = sentiments.Sum();
        double punctuation = AmplifyExclamation(text) + AmplifyQuestion(text);
        if (sum > 0)
        {
            sum += punctuation;
        }
        else if (sum < 0)
        {
            sum -= punctuation;
        }

        return Math.Round(Normalize(sum), 4, MidpointRounding.AwayFromZero);
    }

    private static double Normalize(double score, double alpha = 15)
        => Math.Clamp(score / Math.Sqrt((score * score) + alpha), -1.0, 1.0);

    private static double AmplifyExclamation(string text) => Math.Min(text.Count(c => c == '!'), 4) * 0.292;

    private static double AmplifyQuestion(string text)
    {
        int count = text.Count(c => c == '?');
        return count <= 1 ? 0 : count <= 3 ? count * 0.18 : 0.96;
    }

    private static bool AllCapDifferential(List<string> words)
    {
        int allCaps = words.Count(IsUpperPython);
        int differential = words.Count - allCaps;
        return differential > 0 && differential < words.Count;
    }

    /// <summary>Python's <c>str.isupper</c> as the port writes it: no lower-case letter and at least one upper-case one.</summary>
    private static bool IsUpperPython(string word) => word.Length > 0 && UpperPattern().IsMatch(word);

    /// <summary>Words with leading and trailing punctuation removed; contractions and most emoticons kept.</summary>
    private static List<string> WordsAndEmoticons(string text)
    {
        string[] tokens = text.Split(Whitespace);
        string noPunctuation = PunctuationPattern().Replace(text, string.Empty);
        var wordsOnly = noPunctuation.Split(Whitespace).Where(w => w.Length > 1).ToList();
        var stripped = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (string punctuation in PuncList)
        {
            foreach (string word in wordsOnly)
            {
                stripped[punctuation + word] = word;
                stripped[word + punctuation] = word;
            }
        }

        var result = new List<string>();
        foreach (string token in tokens)
        {
            if (token.Length > 1)
            {
                result.Add(stripped.TryGetValue(token, out string? word) ? word : token);
            }
        }

        return result;
    }

    // JavaScript's \s: the whitespace characters String.split(/\s/) splits on.
    private static readonly char[] Whitespace = [' ', '\t', '\n', '\r', '\v', '\f', '\u00a0', '\u1680', '\u2000', '\u2001', '\u2002', '\u2003', '\u2004', '\u2005', '\u2006', '\u2007', '\u2008', '\u2009', '\u200a', '\u2028', '\u2029', '\u202f', '\u205f', '\u3000', '\ufeff'];

    [GeneratedRegex("""[!"#$%&'()*+,\-./:;<=>?@\[\\\]^_`{|}~]""")]
    private static partial Regex PunctuationPattern();

    [GeneratedRegex("^[^a-z]*[A-Z]+[^a-z]*$")]
    private static partial Regex UpperPattern();
}
