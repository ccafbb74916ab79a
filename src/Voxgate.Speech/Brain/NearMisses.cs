using System.Globalization;
using System.Text.RegularExpressions;

namespace Voxgate.Speech.Brain;

/// <summary>
/// Repairs what the recogniser typically makes of spoken times and days — "for o'clock", "foreign clock",
/// "monday at mind" — in normalised text, but only where the context says a time (or a day) is meant: next to
/// "o'clock", "half past" or "am", after "at" when a time is expected or a day was said, or as the whole answer
/// to a time question. Elsewhere "for", "fine" and "then" keep their meaning.
/// </summary>
internal static partial class NearMisses
{
    /// <summary>Words the recogniser puts for a spoken hour (collected from pocketsphinx's mistakes on flite voices).</summary>
    private static readonly Dictionary<string, int> Hours = new(StringComparer.Ordinal)
    {
        ["won"] = 1, ["juan"] = 1,
        ["too"] = 2, ["you"] = 2,
        ["free"] = 3, ["tree"] = 3, ["flee"] = 3,
        ["for"] = 4, ["far"] = 4, ["fore"] = 4, ["floor"] = 4, ["foreign"] = 4, ["forth"] = 4,
        ["fine"] = 5, ["hive"] = 5, ["fife"] = 5, ["vive"] = 5,
        ["sex"] = 6, ["sick"] = 6, ["sax"] = 6, ["sics"] = 6,
        ["heaven"] = 7, ["kevin"] = 7,
        ["ate"] = 8, ["hate"] = 8, ["eat"] = 8, ["bait"] = 8,
        ["mind"] = 9, ["mine"] = 9, ["nein"] = 9, ["nice"] = 9, ["lime"] = 9, ["wine"] = 9, ["night"] = 9,
        ["then"] = 10, ["tan"] = 10, ["tin"] = 10, ["den"] = 10, ["pen"] = 10, ["ken"] = 10, ["tent"] = 10,
        ["lemon"] = 11, ["leaven"] = 11,
        ["twelfth"] = 12, ["shelf"] = 12,
    };

    /// <summary>Letters said by their names, or heard as words, while a name is spelled ("are e i d" for "r e i d").</summary>
    private static readonly Dictionary<string, string> LetterNames = new(StringComparer.Ordinal)
    {
        ["ay"] = "a", ["bee"] = "b", ["be"] = "b", ["see"] = "c", ["sea"] = "c", ["dee"] = "d", ["eff"] = "f",
        ["gee"] = "g", ["aitch"] = "h", ["eye"] = "i", ["jay"] = "j", ["kay"] = "k", ["el"] = "l", ["em"] = "m",
        ["en"] = "n", ["oh"] = "o", ["pee"] = "p", ["pea"] = "p", ["queue"] = "q", ["cue"] = "q", ["are"] = "r",
        ["our"] = "r", ["ess"] = "s", ["tea"] = "t", ["tee"] = "t", ["you"] = "u", ["vee"] = "v", ["ex"] = "x",
        ["why"] = "y", ["zed"] = "z", ["zee"] = "z",
    };

    /// <summary>
    /// In an answer that spells (two or more single letters besides "a" and "i"), letter names next to a letter are
    /// letters: "are e i d" → "r e i d". Anywhere else "are", "you" and "see" keep their meaning.
    /// </summary>
    public static string RepairSpelling(string normalized)
    {
        string[] words = normalized.Split(' ');
        if (words.Count(w => w.Length == 1 && w is not "a" and not "i") < 2)
        {
            return normalized;
        }

        bool changed = false;
        for (int i = 0; i < words.Length; i++)
        {
            if (LetterNames.TryGetValue(words[i], out string? letter) && (IsLetter(words, i - 1) || IsLetter(words, i + 1)))
            {
                words[i] = letter;
                changed = true;
            }
        }

        return changed ? string.Join(' ', words) : normalized;
    }

    private static bool IsLetter(string[] words, int index) =>
        index >= 0 && index < words.Length && words[index].Length == 1 && char.IsAsciiLetterLower(words[index][0]);

    /// <summary>Split or misheard day names.</summary>
    private static readonly (Regex Pattern, string Day)[] Days =
    [
        (new Regex(@"\bmon day\b", RegexOptions.None, TimeSpan.FromSeconds(1)), "monday"),
        (new Regex(@"\b(?:tues day|two's day|choose day)\b", RegexOptions.None, TimeSpan.FromSeconds(1)), "tuesday"),
        (new Regex(@"\bwednes day\b", RegexOptions.None, TimeSpan.FromSeconds(1)), "wednesday"),
        (new Regex(@"\b(?:thurs day|thirst day|first day)\b", RegexOptions.None, TimeSpan.FromSeconds(1)), "thursday"),
        (new Regex(@"\b(?:fri day|fry day|fried a)\b", RegexOptions.None, TimeSpan.FromSeconds(1)), "friday"),
        (new Regex(@"\bsatur day\b", RegexOptions.None, TimeSpan.FromSeconds(1)), "saturday"),
        (new Regex(@"\b(?:sun day|sundae)\b", RegexOptions.None, TimeSpan.FromSeconds(1)), "sunday"),
        (new Regex(@"\b(?:to borrow|tomorrows)\b", RegexOptions.None, TimeSpan.FromSeconds(1)), "tomorrow"),
    ];

    private static readonly HashSet<string> Fillers = new(StringComparer.Ordinal)
    {
        "um", "uh", "er", "erm", "please", "then", "thanks", "thank", "you", "ok", "okay", "yes", "yeah", "how", "what", "about",
        "let's", "say", "maybe", "at", "around", "would", "be", "great", "good", "fine", "perfect", "works", "for", "me", "is",
        "oh", "sure", "lovely", "that",
    };

    /// <summary>The text with misheard hours and days put right where a time or day is meant.</summary>
    /// <param name="normalized">Text from <see cref="SpokenText.Normalize"/>.</param>
    /// <param name="timeExpected">The receptionist asked for a time, or a booking in progress still lacks one.</param>
    public static string Repair(string normalized, bool timeExpected)
    {
        string text = normalized;
        foreach ((Regex pattern, string day) in Days)
        {
            text = pattern.Replace(text, day);
        }

        // Unambiguous slots: before o'clock or a meridiem, after half past / quarter to.
        text = BeforeClock().Replace(text, m => Hour(m, "word") is { } h ? $"{h} {m.Groups["rest"].Value}" : m.Value);
        text = AfterPast().Replace(text, m => Hour(m, "word") is { } h ? $"{m.Groups["lead"].Value} {h}" : m.Value);

        // "4 a clock", "4 clock", "4 oclock": the o'clock is certain once a number stands before "clock".
        text = NumberClock().Replace(text, "${hour} o'clock");

        bool dayNamed = DayWord().IsMatch(text);
        if (timeExpected || dayNamed)
        {
            // "monday at mind", "at free thirty".
            // "friday at you" is two o'clock; "how about you" is not.
            text = AfterCue().Replace(text, m => Hour(m, "word") is { } h && (m.Groups["word"].Value != "you" || m.Groups["cue"].Value == "at")
                ? $"{m.Groups["cue"].Value} {h}" : m.Value);
            text = BeforeMinutes().Replace(text, m => Hour(m, "word") is { } h ? $"{h} {m.Groups["minutes"].Value}" : m.Value);
        }

        if (timeExpected)
        {
            // The whole answer is one misheard hour among fillers: "mind please", "how about then".
            string[] words = text.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            string[] content = [.. words.Where(w => !Fillers.Contains(w) || Distinctive(w))];
            string[] hours = [.. content.Where(Distinctive)];
            if (words.Length <= 5 && content.Length == 1 && hours.Length == 1 && !words.Any(IsDigits))
            {
                text = string.Join(' ', words.Select(w => w == hours[0] ? Hours[w].ToString(CultureInfo.InvariantCulture) : w));
            }
        }

        return text;
    }

    private static string? Hour(Match match, string group) =>
        Hours.TryGetValue(match.Groups[group].Value, out int hour) ? hour.ToString(CultureInfo.InvariantCulture) : null;

    // Common words that are also misheard hours are repaired only next to a cue, never as a whole answer.
    private static bool Distinctive(string word) => Hours.ContainsKey(word) && word is not ("for" or "then" or "fine" or "too" or "you" or "night" or "eat");

    private static bool IsDigits(string word) => word.Length > 0 && word.All(char.IsAsciiDigit);

    [GeneratedRegex(@"\b(?<hour>\d{1,2}) (?:a |o )?(?:clock|oclock)\b")]
    private static partial Regex NumberClock();

    [GeneratedRegex(@"\b(?<word>[a-z']+) (?<rest>o'clock|(?:a |o )?clock|oclock|am|pm)\b")]
    private static partial Regex BeforeClock();

    [GeneratedRegex(@"\b(?<lead>half past|quarter past|quarter to|half|\d{1,2} (?:past|to)) (?<word>[a-z']+)\b")]
    private static partial Regex AfterPast();

    [GeneratedRegex(@"\b(?<cue>at|around|about) (?<word>[a-z']+)\b")]
    private static partial Regex AfterCue();

    // "for 30 minutes" is a length, not half past four.
    [GeneratedRegex(@"\b(?<word>[a-z']+) (?<minutes>[1-5]\d|0[1-9])\b(?! minutes?\b)")]
    private static partial Regex BeforeMinutes();

    [GeneratedRegex(@"\b(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|today|tomorrow)s?\b")]
    private static partial Regex DayWord();
}
