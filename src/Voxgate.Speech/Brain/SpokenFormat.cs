using System.Globalization;

namespace Voxgate.Speech.Brain;

/// <summary>Writes dates, times and opening hours the way flite reads them well: "3 PM", "3:30 PM", "Tuesday, November 24th".</summary>
internal static class SpokenFormat
{
    public static string Time(TimeOnly time) => time switch
    {
        { Hour: 12, Minute: 0 } => "noon",
        { Hour: 0, Minute: 0 } => "midnight",
        _ => string.Create(CultureInfo.InvariantCulture, $"{(time.Hour % 12 == 0 ? 12 : time.Hour % 12)}{(time.Minute == 0 ? "" : $":{time.Minute:00}")} {(time.Hour < 12 ? "AM" : "PM")}"),
    };

    public static string Date(DateOnly date) =>
        string.Create(CultureInfo.InvariantCulture, $"{date.DayOfWeek}, {CultureInfo.InvariantCulture.DateTimeFormat.GetMonthName(date.Month)} {SpokenText.Ordinal(date.Day)}");

    public static string Hours(DailyHours hours) => $"from {Time(hours.Opens)} to {Time(hours.Closes)}";

    /// <summary>"Monday to Friday from 9 AM to 5 PM, and Saturday from 10 AM to 2 PM".</summary>
    public static string Week(IDictionary<DayOfWeek, DailyHours> openingHours)
    {
        DayOfWeek[] week = [DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Friday, DayOfWeek.Saturday, DayOfWeek.Sunday];
        var runs = new List<string>();
        for (int i = 0; i < week.Length;)
        {
            if (!openingHours.TryGetValue(week[i], out DailyHours? hours))
            {
                i++;
                continue;
            }

            int end = i;
            while (end + 1 < week.Length && openingHours.TryGetValue(week[end + 1], out DailyHours? next) && next == hours)
            {
                end++;
            }

            string days = end == i ? $"{week[i]}" : end == i + 1 ? $"{week[i]} and {week[end]}" : $"{week[i]} to {week[end]}";
            runs.Add($"{days} {Hours(hours)}");
            i = end + 1;
        }

        // A comma before "and" gives the synthesiser a pause between the runs of days.
        return runs.Count > 1 ? $"{string.Join(", ", runs[..^1])}, and {runs[^1]}" : List(runs);
    }

    /// <summary>The closed days, e.g. "Sunday", or empty.</summary>
    public static string ClosedDays(IDictionary<DayOfWeek, DailyHours> openingHours) =>
        List([.. Enum.GetValues<DayOfWeek>().Where(day => !openingHours.ContainsKey(day)).Select(day => $"{day}")]);

    /// <summary>"9 AM, 9:30 AM or 10 AM".</summary>
    public static string Times(IReadOnlyList<TimeOnly> times) => List([.. times.Take(3).Select(Time)], "or");

    /// <summary>"a, b and c" (or "or"), without a comma before the last, so short lists read quickly.</summary>
    public static string List(IReadOnlyList<string> items, string conjunction) => items.Count switch
    {
        0 => "",
        1 => items[0],
        _ => $"{string.Join(", ", items.Take(items.Count - 1))} {conjunction} {items[^1]}",
    };

    private static string List(List<string> items) => items.Count switch
    {
        0 => "",
        1 => items[0],
        2 => $"{items[0]} and {items[1]}",
        _ => $"{string.Join(", ", items.Take(items.Count - 1))}, and {items[^1]}",
    };
}
