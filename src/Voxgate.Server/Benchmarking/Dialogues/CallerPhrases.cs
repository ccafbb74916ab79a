using System.Globalization;
using System.Text;

namespace Voxgate.Server.Benchmarking.Dialogues;

/// <summary>How a simulated caller says a day, a time or a reference it knows, when the script gave no words for it.</summary>
internal static class CallerPhrases
{
    private static readonly string[] Numbers =
        ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve"];

    private static readonly string[] Ordinals =
    [
        "", "first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth", "eleventh", "twelfth",
        "thirteenth", "fourteenth", "fifteenth", "sixteenth", "seventeenth", "eighteenth", "nineteenth", "twentieth", "twenty first",
        "twenty second", "twenty third", "twenty fourth", "twenty fifth", "twenty sixth", "twenty seventh", "twenty eighth",
        "twenty ninth", "thirtieth", "thirty first",
    ];

    /// <summary>"half past two", then "two thirty in the afternoon" for a second try.</summary>
    public static IReadOnlyList<string> Time(TimeOnly time)
    {
        int hour12 = time.Hour % 12 == 0 ? 12 : time.Hour % 12;
        string hour = Numbers[hour12];
        string part = time.Hour < 12 ? "in the morning" : "in the afternoon";
        string first = time.Minute switch
        {
            0 => $"{hour} o'clock",
            30 => $"half past {hour}",
            15 => $"quarter past {hour}",
            45 => $"quarter to {Numbers[hour12 % 12 + 1]}",
            _ => $"{hour} {Minutes(time.Minute)}",
        };
        string second = time.Minute == 0 ? $"{hour} {part}" : $"{hour} {Minutes(time.Minute)} {part}";
        return [first, second];
    }

    /// <summary>"friday" within the week, else "thursday the third of december".</summary>
    public static IReadOnlyList<string> Day(DateOnly date, DateOnly today)
    {
        string weekday = date.DayOfWeek.ToString().ToLowerInvariant();
        string month = CultureInfo.InvariantCulture.DateTimeFormat.GetMonthName(date.Month).ToLowerInvariant();
        string full = $"{weekday} the {Ordinals[date.Day]} of {month}";
        return date.DayNumber - today.DayNumber is > 0 and < 7 ? [weekday, full] : [full, $"the {Ordinals[date.Day]} of {month}"];
    }

    /// <summary>"g b two zero two six one one two four zero zero one".</summary>
    public static string Reference(string reference)
    {
        var spoken = new StringBuilder("g b");
        foreach (char c in reference.Where(char.IsAsciiDigit))
        {
            spoken.Append(' ').Append(Numbers[c - '0']);
        }

        return spoken.ToString();
    }

    private static readonly string[] Teens =
        ["ten", "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen"];

    private static readonly string[] Tens = ["", "", "twenty", "thirty", "forty", "fifty"];

    /// <summary>Minutes past the hour as said in a time: "oh five", "fifteen", "thirty five".</summary>
    private static string Minutes(int minutes) => minutes switch
    {
        < 10 => $"oh {Numbers[minutes]}",
        < 20 => Teens[minutes - 10],
        _ when minutes % 10 == 0 => Tens[minutes / 10],
        _ => $"{Tens[minutes / 10]} {Numbers[minutes % 10]}",
    };
}
