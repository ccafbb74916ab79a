using System.Globalization;

namespace Voxgate.Calls.Appointments;

/// <summary>The clinic's options made usable: its time zone, the slots of each day, and its services by name.</summary>
public sealed class ClinicSchedule
{
    private readonly Dictionary<DayOfWeek, (TimeOnly Opens, TimeOnly Closes)> _hours;

    private ClinicSchedule(ClinicOptions options, TimeZoneInfo zone, Dictionary<DayOfWeek, (TimeOnly, TimeOnly)> hours)
    {
        Name = options.Name;
        TimeZone = zone;
        SlotLength = TimeSpan.FromMinutes(options.SlotMinutes);
        Horizon = options.BookingHorizonDays;
        Services = options.Services;
        _hours = hours;
    }

    public string Name { get; }

    public TimeZoneInfo TimeZone { get; }

    public TimeSpan SlotLength { get; }

    public int Horizon { get; }

    public IReadOnlyList<string> Services { get; }

    /// <summary>Checks and compiles <paramref name="options"/>; throws <see cref="FormatException"/> naming the bad setting.</summary>
    public static ClinicSchedule Create(ClinicOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        TimeZoneInfo zone;
        try
        {
            zone = TimeZoneInfo.FindSystemTimeZoneById(options.TimeZone);
        }
        catch (Exception ex) when (ex is TimeZoneNotFoundException or InvalidTimeZoneException)
        {
            throw new FormatException($"Clinic:TimeZone '{options.TimeZone}' is not a time zone this machine knows (use an IANA id such as Europe/London).", ex);
        }

        var hours = new Dictionary<DayOfWeek, (TimeOnly, TimeOnly)>();
        foreach ((string day, string value) in options.Hours)
        {
            if (!Enum.TryParse(day, ignoreCase: true, out DayOfWeek weekday) || int.TryParse(day, CultureInfo.InvariantCulture, out _))
            {
                throw new FormatException($"Clinic:Hours:{day} is not a day of the week (Monday … Sunday).");
            }

            if (string.Equals(value?.Trim(), "closed", StringComparison.OrdinalIgnoreCase) || string.IsNullOrWhiteSpace(value))
            {
                continue;
            }

            string[] parts = value.Split('-', StringSplitOptions.TrimEntries);
            if (parts.Length != 2 || !TryParseTime(parts[0], out TimeOnly opens) || !TryParseTime(parts[1], out TimeOnly closes))
            {
                throw new FormatException($"Clinic:Hours:{day} '{value}' is not 'HH:mm-HH:mm' or 'closed'.");
            }

            if (closes - opens < TimeSpan.FromMinutes(options.SlotMinutes) || closes <= opens)
            {
                throw new FormatException($"Clinic:Hours:{day} '{value}' is shorter than one {options.SlotMinutes}-minute slot.");
            }

            hours[weekday] = (opens, closes);
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (string service in options.Services)
        {
            if (string.IsNullOrWhiteSpace(service) || !seen.Add(Key(service)))
            {
                throw new FormatException($"Clinic:Services has an empty or repeated service ('{service}').");
            }
        }

        return new ClinicSchedule(options, zone, hours);
    }

    /// <summary>Parses <c>HH:mm</c> (24-hour; <c>H:mm</c> too).</summary>
    public static bool TryParseTime(string? text, out TimeOnly time)
        => TimeOnly.TryParseExact(text?.Trim(), ["HH:mm", "H:mm"], CultureInfo.InvariantCulture, DateTimeStyles.None, out time);

    /// <summary>Parses <c>YYYY-MM-DD</c>.</summary>
    public static bool TryParseDate(string? text, out DateOnly date)
        => DateOnly.TryParseExact(text?.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out date);

    public static string Format(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    public static string Format(TimeOnly time) => time.ToString("HH:mm", CultureInfo.InvariantCulture);

    /// <summary>The opening hours of <paramref name="day"/>, or null when closed.</summary>
    public (TimeOnly Opens, TimeOnly Closes)? HoursOn(DayOfWeek day) => _hours.TryGetValue(day, out var h) ? h : null;

    /// <summary>Every slot start of <paramref name="date"/>, in order; none on a closed day.</summary>
    public IReadOnlyList<TimeOnly> SlotsOn(DateOnly date)
    {
        if (HoursOn(date.DayOfWeek) is not { } hours)
        {
            return [];
        }

        var slots = new List<TimeOnly>();
        for (TimeSpan t = hours.Opens.ToTimeSpan(); t + SlotLength <= hours.Closes.ToTimeSpan(); t += SlotLength)
        {
            slots.Add(TimeOnly.FromTimeSpan(t));
        }

        return slots;
    }

    /// <summary>The clinic's local date and time now.</summary>
    public DateTime LocalNow(TimeProvider time) => TimeZoneInfo.ConvertTime(time.GetUtcNow(), TimeZone).DateTime;

    /// <summary>The service as configured, matched ignoring case, spaces and hyphens; null when it is not one.</summary>
    public string? FindService(string requested)
        => Services.FirstOrDefault(s => Key(s) == Key(requested));

    /// <summary>A person's description of the hours of <paramref name="day"/>.</summary>
    public string DescribeHours(DayOfWeek day)
        => HoursOn(day) is { } h ? $"open {Format(h.Opens)}-{Format(h.Closes)} on {day}s" : $"closed on {day}s";

    private static string Key(string service)
        => new([.. service.ToLowerInvariant().Where(char.IsLetterOrDigit)]);
}
