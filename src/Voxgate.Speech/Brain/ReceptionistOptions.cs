namespace Voxgate.Speech.Brain;

/// <summary>Settings of the built-in <see cref="ReceptionistChatClient"/>.</summary>
public sealed class ReceptionistOptions
{
    /// <summary>The business the receptionist answers for, spoken in greetings.</summary>
    public string BusinessName { get; set; } = "Voxgate Clinic";

    /// <summary>Opening hours per weekday; a day that is not in the map is a closed day.</summary>
    public IDictionary<DayOfWeek, DailyHours> OpeningHours { get; } = new Dictionary<DayOfWeek, DailyHours>
    {
        [DayOfWeek.Monday] = new(new TimeOnly(9, 0), new TimeOnly(17, 0)),
        [DayOfWeek.Tuesday] = new(new TimeOnly(9, 0), new TimeOnly(17, 0)),
        [DayOfWeek.Wednesday] = new(new TimeOnly(9, 0), new TimeOnly(17, 0)),
        [DayOfWeek.Thursday] = new(new TimeOnly(9, 0), new TimeOnly(17, 0)),
        [DayOfWeek.Friday] = new(new TimeOnly(9, 0), new TimeOnly(17, 0)),
        [DayOfWeek.Saturday] = new(new TimeOnly(10, 0), new TimeOnly(14, 0)),
    };

    /// <summary>The time zone of the business (an IANA or Windows id) in which dates and times are spoken.</summary>
    public string TimeZoneId { get; set; } = "UTC";

    /// <summary>The clock; replace it in tests.</summary>
    public TimeProvider TimeProvider { get; set; } = TimeProvider.System;

    /// <summary>How long an appointment lasts; it must fit inside the opening hours.</summary>
    public TimeSpan AppointmentLength { get; set; } = TimeSpan.FromMinutes(30);

    /// <summary>Services a caller may name ("a haircut"), passed on as the booking's <c>service</c>.</summary>
    public IList<string> Services { get; } =
    [
        "check up", "checkup", "consultation", "follow up", "cleaning", "vaccination", "blood test", "eye test",
        "haircut", "hair cut", "trim", "colour", "color", "blow dry", "manicure", "pedicure", "massage",
    ];
}
