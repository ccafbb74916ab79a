using System.Globalization;
using System.Text.RegularExpressions;

namespace Voxgate.Speech.Brain;

/// <summary>
/// Reads dates and times from spoken English ("tomorrow at three", "next tuesday morning",
/// "december third at 9", "half past two"), relative to today's date.
/// </summary>
/// <remarks>
/// An hour without am or pm is taken in business hours: 1 to 7 are afternoon, 8 to 11 morning, 12 is noon.
/// A weekday means the next one after today ("this friday" may be today); a day of the month or a month
/// and day that has passed means the next one.
/// </remarks>
internal static partial class SpokenDateTimeParser
{
    private static readonly string[] MonthNames =
        ["january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november", "december"];

    /// <summary>Parses text that has not been normalised yet.</summary>
    public static SpokenDateTime Parse(string text, DateOnly today) => ParseNormalized(SpokenText.Normalize(text), today);

    /// <summary>Parses text already put through <see cref="SpokenText.Normalize"/>.</summary>
    /// <param name="normalized">The normalised text.</param>
    /// <param name="today">The business's date, for "tomorrow" and weekdays.</param>
    /// <param name="bareHour">A number said on its own ("four please") may be a time; not in answer to "your name?".</param>
    public static SpokenDateTime ParseNormalized(string normalized, DateOnly today, bool bareHour = true)
    {
        // "good morning" is a greeting, not a part of the day.
        string text = Greeting().Replace(normalized, " ");
        DayPart? part = ReadDayPart(text);
        (DateOnly? date, text) = ReadDate(text, today);
        TimeOnly? time = ReadTime(text, part, bareHour);
        return new SpokenDateTime(date, time, part);
    }

    private static (DateOnly? Date, string Remaining) ReadDate(string text, DateOnly today)
    {
        Match match = MonthThenDay().Match(text);
        if (match.Success && TryMonthDay(match.Groups["month"].Value, match.Groups["day"].Value, today, out DateOnly date))
        {
            return (date, Remove(text, match));
        }

        match = DayThenMonth().Match(text);
        if (match.Success && TryMonthDay(match.Groups["month"].Value, match.Groups["day"].Value, today, out date))
        {
            return (date, Remove(text, match));
        }

        match = Relative().Match(text);
        if (match.Success)
        {
            int days = match.Value switch
            {
                "day after tomorrow" => 2,
                "tomorrow" => 1,
                _ => 0,
            };
            return (today.AddDays(days), Remove(text, match));
        }

        // "thursday the third": the next 3rd that is a Thursday (within three months; else the next 3rd), not this week's Thursday.
        match = WeekdayAndDay().Match(text);
        if (match.Success && int.TryParse(match.Groups["date"].Value, CultureInfo.InvariantCulture, out int dated))
        {
            var weekday = Enum.Parse<DayOfWeek>(match.Groups["day"].Value, ignoreCase: true);
            DateOnly? first = NextDayOfMonth(dated, today);
            DateOnly? found = first;
            for (DateOnly? next = first; next is { } candidate && candidate <= today.AddMonths(3); next = NextDayOfMonth(dated, candidate.AddDays(1)))
            {
                if (candidate.DayOfWeek == weekday)
                {
                    found = candidate;
                    break;
                }
            }

            if (found is not null)
            {
                return (found, Remove(text, match));
            }
        }

        match = Weekday().Match(text);
        if (match.Success)
        {
            var day = Enum.Parse<DayOfWeek>(match.Groups["day"].Value, ignoreCase: true);
            int ahead = ((int)day - (int)today.DayOfWeek + 7) % 7;
            if (ahead == 0 && match.Groups["this"].Value != "this")
            {
                ahead = 7;
            }

            return (today.AddDays(ahead), Remove(text, match));
        }

        match = DayOfMonth().Match(text);
        if (match.Success && int.TryParse(match.Groups["day"].Value, CultureInfo.InvariantCulture, out int dayOfMonth))
        {
            DateOnly? next = NextDayOfMonth(dayOfMonth, today);
            if (next is not null)
            {
                return (next, Remove(text, match));
            }
        }

        return (null, text);
    }

    private static bool TryMonthDay(string monthName, string dayText, DateOnly today, out DateOnly date)
    {
        date = default;
        int month = Array.IndexOf(MonthNames, monthName) + 1;
        if (month == 0 || !int.TryParse(dayText, CultureInfo.InvariantCulture, out int day))
        {
            return false;
        }

        for (int year = today.Year; year <= today.Year + 1; year++)
        {
            if (day >= 1 && day <= DateTime.DaysInMonth(year, month))
            {
                date = new DateOnly(year, month, day);
                if (date >= today)
                {
                    return true;
                }
            }
        }

        return false;
    }

    private static DateOnly? NextDayOfMonth(int day, DateOnly today)
    {
        var month = new DateOnly(today.Year, today.Month, 1);
        for (int i = 0; i < 3; i++, month = month.AddMonths(1))
        {
            if (day >= 1 && day <= DateTime.DaysInMonth(month.Year, month.Month))
            {
                var date = new DateOnly(month.Year, month.Month, day);
                if (date >= today)
                {
                    return date;
                }
            }
        }

        return null;
    }

    private static DayPart? ReadDayPart(string text)
    {
        Match match = PartOfDay().Match(text);
        return !match.Success ? null : match.Value switch
        {
            "morning" => DayPart.Morning,
            "afternoon" => DayPart.Afternoon,
            _ => DayPart.Evening,
        };
    }

    private static TimeOnly? ReadTime(string text, DayPart? part, bool bareHour)
    {
        Match match = Named().Match(text);
        if (match.Success)
        {
            return match.Value == "midnight" ? TimeOnly.MinValue : new TimeOnly(12, 0);
        }

        match = PastOrTo().Match(text);
        if (match.Success && TryHour(match.Groups["hour"].Value, out int hour))
        {
            int minutes = match.Groups["minutes"].Value switch
            {
                "half" => 30,
                "quarter" => 15,
                string digits => int.Parse(digits, CultureInfo.InvariantCulture),
            };
            bool before = match.Groups["relation"].Value == "to";
            int total = (hour * 60) + (before ? -minutes : minutes);
            if (minutes < 60 && total >= 0)
            {
                return Resolve(total / 60, total % 60, match.Groups["meridiem"].Value, part);
            }
        }

        foreach (Match clock in Clock().Matches(text))
        {
            // A clock time needs a cue: "at", am/pm, o'clock, or minutes.
            if (clock.Groups["cue"].Success || clock.Groups["minute"].Success || clock.Groups["meridiem"].Success || clock.Groups["oclock"].Success)
            {
                return Read(clock, part);
            }
        }

        // "eleven in the morning", "half two in the afternoon": the part of the day is the number's cue.
        match = HourBeforePart().Match(text);
        if (match.Success)
        {
            return Read(match, part);
        }

        // A bare number is a time only when it is nearly all that was said ("three", "um four please").
        match = BareHour().Match(text);
        return bareHour && match.Success && text.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length <= 4 ? Read(match, part) : null;
    }

    private static TimeOnly? Read(Match clock, DayPart? part)
    {
        if (!TryHour(clock.Groups["hour"].Value, out int hour))
        {
            return null;
        }

        int minute = clock.Groups["minute"].Success ? int.Parse(clock.Groups["minute"].Value, CultureInfo.InvariantCulture) : 0;
        return minute < 60 ? Resolve(hour, minute, clock.Groups["meridiem"].Value, part) : null;
    }

    private static bool TryHour(string text, out int hour) =>
        int.TryParse(text, CultureInfo.InvariantCulture, out hour) && hour is >= 0 and <= 23;

    private static TimeOnly? Resolve(int hour, int minute, string meridiem, DayPart? part)
    {
        if (hour > 12)
        {
            return meridiem == "am" ? null : new TimeOnly(hour, minute);
        }

        hour = meridiem switch
        {
            "pm" => hour == 12 ? 12 : hour + 12,
            "am" => hour == 12 ? 0 : hour,
            _ => part switch
            {
                DayPart.Morning => hour == 12 ? 0 : hour,
                DayPart.Afternoon or DayPart.Evening => hour == 12 ? 12 : hour + 12,
                // Business hours: "at three" is 3 PM, "at nine" is 9 AM.
                _ => hour is >= 1 and <= 7 ? hour + 12 : hour,
            },
        };
        return hour == 24 ? null : new TimeOnly(hour, minute);
    }

    private static string Remove(string text, Match match) =>
        string.Concat(text.AsSpan(0, match.Index), " ", text.AsSpan(match.Index + match.Length));

    [GeneratedRegex(@"\bgood (?:morning|afternoon|evening)\b")]
    private static partial Regex Greeting();

    [GeneratedRegex(@"\b(?<month>january|february|march|april|may|june|july|august|september|october|november|december)(?: the)? (?<day>\d{1,2})(?:st|nd|rd|th)?\b")]
    private static partial Regex MonthThenDay();

    [GeneratedRegex(@"\b(?:the )?(?<day>\d{1,2})(?:st|nd|rd|th)? of (?<month>january|february|march|april|may|june|july|august|september|october|november|december)\b")]
    private static partial Regex DayThenMonth();

    [GeneratedRegex(@"\bday after tomorrow\b|\btomorrow\b|\btoday\b|\btonight\b")]
    private static partial Regex Relative();

    [GeneratedRegex(@"\b(?:(?<this>this|next|coming|on) )?(?<day>monday|tuesday|wednesday|thursday|friday|saturday|sunday)s?\b")]
    private static partial Regex Weekday();

    [GeneratedRegex(@"\b(?:(?:this|next|coming|on) )?(?<day>monday|tuesday|wednesday|thursday|friday|saturday|sunday) (?:the )?(?<date>\d{1,2})(?:st|nd|rd|th)\b")]
    private static partial Regex WeekdayAndDay();

    [GeneratedRegex(@"\bthe (?<day>\d{1,2})(?:st|nd|rd|th)\b|\b(?<day>\d{1,2})(?:st|nd|rd|th)\b")]
    private static partial Regex DayOfMonth();

    [GeneratedRegex(@"\bmorning\b|\bafternoon\b|\bevening\b|\btonight\b")]
    private static partial Regex PartOfDay();

    [GeneratedRegex(@"\bnoon\b|\bmidday\b|\bmidnight\b")]
    private static partial Regex Named();

    [GeneratedRegex(@"\b(?:a )?(?<minutes>half|quarter|\d{1,2})(?: minutes?)? (?<relation>past|after|to) (?<hour>\d{1,2})(?: (?<meridiem>am|pm))?\b")]
    private static partial Regex PastOrTo();

    [GeneratedRegex(@"\b(?:(?<cue>at|for|around|about|by|from|until|till|say) )?(?<hour>\d{1,2})(?::(?<minute>\d{2})| (?<minute>[0-5]\d))?(?: ?(?<meridiem>am|pm)| (?<oclock>o'?clock|oclock))?\b")]
    private static partial Regex Clock();

    // "the 1 on friday" is an appointment, not one o'clock.
    [GeneratedRegex(@"(?<!\b(?:the|that|this|which|a) )\b(?<hour>\d{1,2})(?: (?<minute>[0-5]\d))? (?=in the (?:morning|afternoon|evening)\b)")]
    private static partial Regex HourBeforePart();

    [GeneratedRegex(@"(?<!\b(?:the|that|this|which|a) )\b(?<hour>\d{1,2})\b")]
    private static partial Regex BareHour();
}
