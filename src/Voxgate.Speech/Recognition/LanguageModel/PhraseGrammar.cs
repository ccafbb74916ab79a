using System.Text;

namespace Voxgate.Speech.Recognition.LanguageModel;

/// <summary>
/// A small generative grammar: each rule has alternatives, each alternative is words and <c>&lt;rule&gt;</c>
/// references, and an empty alternative makes a part optional. Sampling is deterministic for a seed.
/// </summary>
internal sealed class PhraseGrammar
{
    private const int MaxDepth = 24;

    private readonly Dictionary<string, string[][]> _rules = new(StringComparer.Ordinal);

    /// <summary>Adds (or extends) a rule; an alternative may appear several times to be picked more often.</summary>
    public PhraseGrammar Rule(string name, params string[] alternatives)
    {
        string[][] parsed = [.. alternatives.Select(a => a.Split(' ', StringSplitOptions.RemoveEmptyEntries))];
        _rules[name] = _rules.TryGetValue(name, out string[][]? existing) ? [.. existing, .. parsed] : parsed;
        return this;
    }

    /// <summary>Every rule referenced is defined (checked once, so a typo fails loudly instead of emitting "&lt;tme&gt;").</summary>
    public void Validate()
    {
        foreach ((string name, string[][] alternatives) in _rules)
        {
            foreach (string token in alternatives.SelectMany(a => a))
            {
                if (IsReference(token) && !_rules.ContainsKey(token[1..^1]))
                {
                    throw new InvalidOperationException($"Rule <{name}> refers to the undefined rule {token}.");
                }
            }
        }
    }

    /// <summary>One random sentence from <paramref name="start"/>, words separated by single spaces.</summary>
    public string Sample(string start, ref SplitMix64 random)
    {
        var words = new StringBuilder();
        Expand(start, ref random, words, 0);
        return words.ToString();
    }

    private void Expand(string rule, ref SplitMix64 random, StringBuilder words, int depth)
    {
        if (depth > MaxDepth)
        {
            throw new InvalidOperationException($"Rule <{rule}> recurses too deeply.");
        }

        string[][] alternatives = _rules[rule];
        foreach (string token in alternatives[random.Next(alternatives.Length)])
        {
            if (IsReference(token))
            {
                Expand(token[1..^1], ref random, words, depth + 1);
            }
            else
            {
                if (words.Length > 0)
                {
                    words.Append(' ');
                }

                words.Append(token);
            }
        }
    }

    private static bool IsReference(string token) => token.Length > 2 && token[0] == '<' && token[^1] == '>';
}
