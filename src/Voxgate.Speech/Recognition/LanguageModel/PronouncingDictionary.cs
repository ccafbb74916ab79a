namespace Voxgate.Speech.Recognition.LanguageModel;

/// <summary>
/// The words a pocketsphinx dictionary (CMUdict format: <c>word PH ON ES</c>, alternates as <c>word(2)</c>) can
/// pronounce. The language model keeps only sentences made of these words: a word the recogniser cannot say is
/// left out, never given a guessed pronunciation.
/// </summary>
internal sealed class PronouncingDictionary
{
    private readonly HashSet<string> _words;

    private PronouncingDictionary(HashSet<string> words) => _words = words;

    public int Count => _words.Count;

    public static PronouncingDictionary Read(string path)
    {
        var words = new HashSet<string>(StringComparer.Ordinal);
        foreach (string line in File.ReadLines(path))
        {
            int end = line.IndexOfAny([' ', '\t']);
            if (end <= 0)
            {
                continue;
            }

            ReadOnlySpan<char> word = line.AsSpan(0, end);
            int alternate = word.IndexOf('(');
            words.Add((alternate > 0 ? word[..alternate] : word).ToString());
        }

        return new PronouncingDictionary(words);
    }

    public static PronouncingDictionary Of(IEnumerable<string> words) => new(new HashSet<string>(words, StringComparer.Ordinal));

    public bool Contains(string word) => _words.Contains(word);

    /// <summary>Whether every word of the sentence can be pronounced.</summary>
    public bool CanSay(string sentence)
    {
        foreach (string word in sentence.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            if (!_words.Contains(word))
            {
                return false;
            }
        }

        return true;
    }
}
