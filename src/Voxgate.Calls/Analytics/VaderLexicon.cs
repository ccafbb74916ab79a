using System.Globalization;

namespace Voxgate.Calls.Analytics;

/// <summary>
/// VADER's sentiment lexicon (C.J. Hutto, MIT licence): 7,500 tokens with their mean valence on −4…+4. Read from
/// <c>vader_lexicon.txt</c> as the npm package <c>vader-sentiment</c> ships it (scripts/setup.sh unpacks it, with its
/// licence and notice, into models/vader/); never retyped.
/// </summary>
public sealed class VaderLexicon
{
    private readonly Dictionary<string, double> _valence;

    private VaderLexicon(Dictionary<string, double> valence) => _valence = valence;

    public int Count => _valence.Count;

    /// <summary>Reads the lexicon file: token, mean valence, standard deviation and ratings, tab-separated.</summary>
    public static VaderLexicon Load(string path)
    {
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"VADER's lexicon is not at {path}; scripts/setup.sh fetches it (Analytics:LexiconPath).", path);
        }

        var valence = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (string line in File.ReadLines(path))
        {
            string[] fields = line.Split('\t');
            if (fields.Length >= 2 && fields[0].Length > 0 && double.TryParse(fields[1], NumberStyles.Float, CultureInfo.InvariantCulture, out double mean))
            {
                valence[fields[0]] = mean;
            }
        }

        if (valence.Count < 1000)
        {
            throw new InvalidDataException($"{path} holds {valence.Count} entries; VADER's lexicon has about 7,500.");
        }

        return new VaderLexicon(valence);
    }

    public bool TryGet(string lowercaseToken, out double valence) => _valence.TryGetValue(lowercaseToken, out valence);

    public bool Contains(string lowercaseToken) => _valence.ContainsKey(lowercaseToken);
}
