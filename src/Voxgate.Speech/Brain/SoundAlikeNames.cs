namespace Voxgate.Speech.Brain;

/// <summary>
/// Names that sound the same but are written differently ("Clark" and "Clarke"). A recogniser cannot tell them
/// apart, and neither can a caller hearing the name read back, so the receptionist spells such a name when it reads a
/// booking back, as a person at a front desk would ("Anna Clarke, spelled C L A R K E"). A name with no sound-alike is
/// read back plainly.
/// </summary>
internal static class SoundAlikeNames
{
    /// <summary>Each group: the ways of writing one name that the pronunciation dictionary says sound the same.</summary>
    internal static readonly string[][] Groups =
    [
        // Surnames.
        ["clark", "clarke"], ["reed", "reid", "read"], ["phillips", "philips"], ["thompson", "thomson"],
        ["stevens", "stephens"], ["stevenson", "stephenson"], ["matthews", "mathews"], ["brown", "browne"],
        ["green", "greene"], ["gray", "grey"], ["smith", "smyth"], ["cook", "cooke"], ["lee", "leigh", "li", "lea"],
        ["moore", "more"], ["allen", "allan", "alan"], ["stewart", "stuart"], ["marshall", "marshal"],
        ["nichols", "nicholls"], ["hayes", "hays"], ["rogers", "rodgers"], ["mcdonald", "macdonald"],
        ["mckenzie", "mackenzie"], ["neal", "neil", "neill"], ["payne", "paine"], ["lane", "laine"], ["wild", "wilde"],
        ["lawrence", "laurence"], ["burns", "byrnes"], ["cole", "kohl"], ["ray", "rae", "wray"], ["kelly", "kelley"],

        // First names.
        ["sarah", "sara"], ["jon", "john"], ["steven", "stephen"], ["catherine", "katherine", "kathryn"],
        ["philip", "phillip"], ["brian", "bryan"], ["ann", "anne"], ["claire", "clare"], ["jeffrey", "geoffrey"],
        ["matthew", "mathew"], ["carl", "karl"], ["eric", "erik"], ["sean", "shaun", "shawn"], ["rachel", "rachael"],
        ["teresa", "theresa"], ["lindsay", "lindsey"], ["hailey", "haley", "hayley"], ["mark", "marc"],
    ];

    private static readonly Dictionary<string, string[]> ByName = Groups
        .SelectMany(g => g.Select(name => (name, g)))
        .ToDictionary(p => p.name, p => p.g, StringComparer.OrdinalIgnoreCase);

    /// <summary>Whether <paramref name="word"/> is one of several ways of writing a name that sounds the same.</summary>
    public static bool HasSoundAlike(string word) => ByName.ContainsKey(word);

    /// <summary>
    /// The way of writing <paramref name="heard"/>'s name that letters heard for it spell, allowing for letters misheard:
    /// spelled letters are heard worse than words ("r e i d" as "r e n t"), and a name with sound-alikes is exactly the
    /// one a caller spells. The closest member of its group, differing in at most half the letters of the shorter; on a tie, one other than
    /// <paramref name="heard"/> (the caller spells because it was wrong), then the commoner. Null when
    /// <paramref name="heard"/> has no sound-alikes or the letters are far from all of them (another name is spelled).
    /// </summary>
    public static string? Spelled(string heard, string letters)
    {
        if (!ByName.TryGetValue(heard, out string[]? group))
        {
            return null;
        }

        string? best = null;
        int bestDistance = int.MaxValue;
        foreach (string name in group)
        {
            int distance = SpokenText.EditDistance(name, letters);
            if (distance > Math.Min(name.Length, letters.Length) / 2)
            {
                continue;
            }

            bool tieAwayFromHeard = distance == bestDistance && best is not null
                && string.Equals(best, heard, StringComparison.OrdinalIgnoreCase) && !string.Equals(name, heard, StringComparison.OrdinalIgnoreCase);
            if (distance < bestDistance || tieAwayFromHeard)
            {
                best = name;
                bestDistance = distance;
            }
        }

        return best;
    }

    /// <summary>
    /// "Anna Clarke" → "Anna Clarke, spelled C L A R K E"; "Sara Clark" → "Sara Clark, spelled S A R A, C L A R K";
    /// a name without sound-alikes is returned as it is.
    /// </summary>
    public static string ReadBack(string name)
    {
        string[] spelled = [.. name.Split(' ', StringSplitOptions.RemoveEmptyEntries).Where(HasSoundAlike).Select(Letters)];
        return spelled.Length == 0 ? name : $"{name}, spelled {string.Join(", ", spelled)}";
    }

    private static string Letters(string word) => string.Join(' ', word.Where(char.IsAsciiLetter).Select(char.ToUpperInvariant));
}
