using System.Text;
using System.Text.RegularExpressions;

namespace Voxgate.Speech.Brain;

/// <summary>
/// Booking references of the form <c>GB-YYYYMMDD-NNN</c>: read from what a caller says ("G B two zero two six one
/// one two seven zero zero one", "gb twenty twenty six eleven twenty seven double oh one"), and written for the
/// synthesiser to read back a character at a time.
/// </summary>
internal static partial class BookingReference
{
    public const int DigitCount = 11;

    /// <summary>
    /// The reference in normalised text, or null. With <paramref name="expected"/> (the receptionist asked for it) the
    /// "G B" may be missing or misheard; otherwise it must be there.
    /// </summary>
    public static string? Read(string normalized, bool expected)
    {
        Match prefix = Prefix().Match(normalized);
        if (!prefix.Success && !expected)
        {
            return null;
        }

        string digits = DigitsIn(prefix.Success ? normalized[(prefix.Index + prefix.Length)..] : normalized);
        return digits.Length == DigitCount ? $"GB-{digits[..8]}-{digits[8..]}" : null;
    }

    /// <summary>Whether the text holds a reference that could not be read whole (some digits, or "G B" and too few).</summary>
    public static bool Partial(string normalized, bool expected) =>
        Read(normalized, expected) is null && (Prefix().IsMatch(normalized) || (expected && DigitsIn(normalized).Length >= 4));

    /// <summary>"G B, 2 0 2 6 1 1 2 7, 0 0 1": each character a word, the parts apart, so flite reads it as a caller would write it down.</summary>
    public static string Spoken(string reference)
    {
        ArgumentNullException.ThrowIfNull(reference);
        string[] parts = reference.Split('-');
        var spoken = new StringBuilder();
        foreach (string part in parts)
        {
            if (spoken.Length > 0)
            {
                spoken.Append(", ");
            }

            spoken.AppendJoin(' ', part.ToCharArray());
        }

        return spoken.ToString();
    }

    /// <summary>The digits said, in order: "2 02 6" → "2026", "double 0 1" → "001", "oh" → "0".</summary>
    private static string DigitsIn(string text)
    {
        var digits = new StringBuilder();
        string[] words = text.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        for (int i = 0; i < words.Length; i++)
        {
            string word = words[i];
            int repeat = word switch
            {
                "double" => 2,
                "triple" => 3,
                _ => 1,
            };
            if (repeat > 1 && i + 1 < words.Length)
            {
                word = words[++i];
            }

            string? value = word switch
            {
                "oh" or "o" or "zero" or "nought" => "0",
                _ when word.All(char.IsAsciiDigit) => word,
                _ => null,
            };
            if (value is null)
            {
                // Words between the digits ("dash", "and", "it's") are skipped; a long gap ends the reference.
                if (digits.Length > 0 && !Filler(word))
                {
                    break;
                }

                continue;
            }

            for (int r = 0; r < repeat; r++)
            {
                digits.Append(value);
            }
        }

        return digits.ToString();
    }

    private static bool Filler(string word) => word is "dash" or "hyphen" or "and" or "then" or "um" or "uh" or "er" or "is" or "it's" or "sorry" or "i" or "think";

    // "g b", "gb", "g. b." (punctuation is gone by now), "gee bee", and pocketsphinx's usual "g d" / "g p" / "jeep".
    [GeneratedRegex(@"\b(?:g ?b|gee bee|g d|g p|g v|jeep|cheap)\b")]
    private static partial Regex Prefix();
}
