using System.Globalization;

namespace Voxgate.Speech.Brain;

/// <summary>A date and time being filled in over several turns, and the booking's id when a tool gave one.</summary>
internal sealed class Slot
{
    public DateOnly? Date { get; set; }

    public TimeOnly? Time { get; set; }

    public string? Id { get; set; }

    /// <summary>The time was picked by the receptionist (from "morning", or a tool's alternative), not said by the caller.</summary>
    public bool TimeSuggested { get; set; }

    public bool IsComplete => Date is not null && (Time is not null || Id is not null);

    public bool IsEmpty => Date is null && Time is null && Id is null;

    public string DateArgument => Date?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "";

    public string TimeArgument => Time?.ToString("HH:mm", CultureInfo.InvariantCulture) ?? "";

    public Slot Copy() => (Slot)MemberwiseClone();

    /// <summary>Takes what the caller said; returns whether anything changed.</summary>
    /// <param name="when">What was said.</param>
    /// <param name="suggestTime">A part of the day ("tuesday morning") proposes a time in it.</param>
    /// <param name="keepId">A new date or time narrows the search for the booking <see cref="Id"/> names instead of replacing it.</param>
    public bool Merge(SpokenDateTime when, bool suggestTime = true, bool keepId = false)
    {
        bool changed = false;
        if (when.Date is { } date && date != Date)
        {
            Date = date;
            Id = keepId ? Id : null;
            changed = true;
        }

        if (when.Time is { } time)
        {
            changed |= time != Time || TimeSuggested;
            Time = time;
            TimeSuggested = false;
            Id = keepId ? Id : null;
        }
        else if (suggestTime && when.Part is { } part && (Time is null || TimeSuggested || changed))
        {
            // "next tuesday morning": propose a time in that part of the day and check it.
            Time = part switch
            {
                DayPart.Morning => new TimeOnly(10, 0),
                DayPart.Afternoon => new TimeOnly(14, 0),
                _ => new TimeOnly(18, 0),
            };
            TimeSuggested = true;
            changed = true;
        }

        return changed;
    }

    /// <summary>Whether a call's date and time are this slot's (an omitted time matches a slot without one).</summary>
    public bool Matches(IDictionary<string, object?>? arguments) =>
        arguments is not null
        && Equals(Argument(arguments, BookingTools.DateParameter), DateArgument)
        && Equals(Argument(arguments, BookingTools.TimeParameter), TimeArgument);

    private static string Argument(IDictionary<string, object?> arguments, string name) =>
        arguments.TryGetValue(name, out object? value) ? value?.ToString() ?? "" : "";
}
