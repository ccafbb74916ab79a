using System.Text;
using System.Text.RegularExpressions;

namespace Voxgate.Speech.Brain;

/// <summary>
/// Normalises recognised or typed text for the rule parsers: lower case, no punctuation but
/// <c>:</c> and <c>'</c>, and spoken numbers as digits ("twenty third" → "23rd", "three oh five" → "3 05").
/// </summary>
internal static partial class SpokenText
{
    private static readonly Dictionary<string, int> Units = new(StringComparer.Ordinal)
    {
        ["zero"] = 0, ["one"] = 1, ["two"] = 2, ["three"] = 3, ["four"] = 4, ["five"] = 5, ["six"] = 6,
        ["seven"] = 7, ["eight"] = 8, ["nine"] = 9, ["ten"] = 10, ["eleven"] = 11, ["twelve"] = 12,
        ["thirteen"] = 13, ["fourteen"] = 14, ["fifteen"] = 15, ["sixteen"] = 16, ["seventeen"] = 17,
        ["eighteen"] = 18, ["nineteen"] = 19,
    };

    private static readonly Dictionary<string, int> Tens = new(StringComparer.Ordinal)
    {
        ["twenty"] = 20, ["thirty"] = 30, ["forty"] = 40, ["fifty"] = 50,
    };

    private static readonly Dictionary<string, int> Ordinals = new(StringComparer.Ordinal)
    {
        ["first"] = 1, ["second"] = 2, ["third"] = 3, ["fourth"] = 4, ["fifth"] = 5, ["sixth"] = 6,
        ["seventh"] = 7, ["eighth"] = 8, ["ninth"] = 9, ["tenth"] = 10, ["eleventh"] = 11, ["twelfth"] = 12,
        ["thirteenth"] = 13, ["fourteenth"] = 14, ["fifteenth"] = 15, ["sixteenth"] = 16, ["seventeenth"] = 17,
        ["eighteenth"] = 18, ["nineteenth"] = 19, ["twentieth"] = 20, ["thirtieth"] = 30,
    };

    /// <summary>Lower-cases, strips punctuation and turns number words into digits.</summary>
    public static string Normalize(string text)
    {
        string lower = text.ToLowerInvariant().Replace('’', '\'');
        lower = Punctuation().Replace(lower, " ");
        lower = SpacedMeridiem().Replace(lower, "$1m");
        lower = DigitThenMeridiem().Replace(lower, "$1 $2");
        string[] words = lower.Split(' ', StringSplitOptions.RemoveEmptyEntries);

        var output = new List<string>(words.Length);
        for (int i = 0; i < words.Length; i++)
        {
            string word = words[i];
            string? next = i + 1 < words.Length ? words[i + 1] : null;
            if (Tens.TryGetValue(word, out int tens))
            {
                if (next is not null && Units.TryGetValue(next, out int unit) && unit is > 0 and < 10)
                {
                    output.Add((tens + unit).ToString(System.Globalization.CultureInfo.InvariantCulture));
                    i++;
                }
                else if (next is not null && Ordinals.TryGetValue(next, out int ordinal) && ordinal is > 0 and < 10)
                {
                    output.Add(Ordinal(tens + ordinal));
                    i++;
                }
                else
                {
                    output.Add(tens.ToString(System.Globalization.CultureInfo.InvariantCulture));
                }
            }
            else if (Units.TryGetValue(word, out int unit))
            {
                output.Add(unit.ToString(System.Globalization.CultureInfo.InvariantCulture));
            }
            else if (Ordinals.TryGetValue(word, out int ordinal))
            {
                output.Add(Ordinal(ordinal));
            }
            else if (word is "oh" or "o" && output.Count > 0 && IsNumber(output[^1]) && next is not null
                && Units.TryGetValue(next, out int minute) && minute is > 0 and < 10)
            {
                // "three oh five" is 3:05.
                output.Add("0" + minute.ToString(System.Globalization.CultureInfo.InvariantCulture));
                i++;
            }
            else
            {
                output.Add(word);
            }
        }

        return string.Join(' ', output);
    }

    /// <summary>Writes a day of the month as an ordinal: 1st, 2nd, 3rd, 11th, 23rd.</summary>
    public static string Ordinal(int number)
    {
        string suffix = (number % 100) is 11 or 12 or 13 ? "th" : (number % 10) switch
        {
            1 => "st",
            2 => "nd",
            3 => "rd",
            _ => "th",
        };
        return number.ToString(System.Globalization.CultureInfo.InvariantCulture) + suffix;
    }

    private static bool IsNumber(string word) => word.Length > 0 && char.IsAsciiDigit(word[0]) && word.All(char.IsAsciiDigit);

    /// <summary>Joins words into a sentence-cased phrase for the name of a person: "john smith" → "John Smith".</summary>
    public static string TitleCase(string words)
    {
        var builder = new StringBuilder(words.Length);
        bool start = true;
        foreach (char c in words)
        {
            builder.Append(start ? char.ToUpperInvariant(c) : c);
            start = c is ' ' or '-';
        }

        return builder.ToString();
    }

    /// <summary>
    /// The name with one part replaced by its spelling: the first name, or the surname (a one-word name gains the
    /// spelled surname). Without a part named, the part closest to the letters: "Amy Clark" + "clarke" → "Amy Clarke".
    /// </summary>
    public static string Respell(string name, string spelled, bool? firstName = null)
    {
        List<string> words = [.. name.Split(' ', StringSplitOptions.RemoveEmptyEntries)];
        string word = TitleCase(spelled);
        if (words.Count == 0)
        {
            return word;
        }

        // Letters for a name with sound-alikes pick one of its ways of writing: "Amy Reed" + "rent" → "Amy Reid".
        string Spelling(int part) => SoundAlikeNames.Spelled(words[part], spelled) is { } known ? TitleCase(known) : word;

        switch (firstName)
        {
            case true:
                words[0] = Spelling(0);
                break;
            case false when words.Count == 1:
                words.Add(word);
                break;
            case false:
                words[^1] = Spelling(words.Count - 1);
                break;
            default:
                // The part the letters are closest to, the surname on a tie: "katherine" replaces "Catherine", not "Gray".
                int index = words.Count - 1;
                for (int i = words.Count - 2; i >= 0; i--)
                {
                    if (EditDistance(words[i].ToLowerInvariant(), spelled) < EditDistance(words[index].ToLowerInvariant(), spelled))
                    {
                        index = i;
                    }
                }

                words[index] = Spelling(index);
                break;
        }

        return string.Join(' ', words);
    }

    /// <summary>Levenshtein distance: how many letters to change, add or drop to turn <paramref name="a"/> into <paramref name="b"/>.</summary>
    public static int EditDistance(string a, string b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        int[] previous = [.. Enumerable.Range(0, b.Length + 1)];
        int[] current = new int[b.Length + 1];
        for (int i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            for (int j = 1; j <= b.Length; j++)
            {
                current[j] = Math.Min(Math.Min(current[j - 1], previous[j]) + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1));
            }

            (previous, current) = (current, previous);
        }

        return previous[b.Length];
    }

    [GeneratedRegex(@"[^a-z0-9:' ]")]
    private static partial Regex Punctuation();

    // "p m" and "a m" as pocketsphinx spells them.
    [GeneratedRegex(@"\b([ap]) m\b")]
    private static partial Regex SpacedMeridiem();

    // "3pm" → "3 pm".
    [GeneratedRegex(@"\b(\d{1,2}(?::\d{2})?)([ap]m)\b")]
    private static partial Regex DigitThenMeridiem();
}
