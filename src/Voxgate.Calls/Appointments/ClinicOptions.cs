using System.ComponentModel.DataAnnotations;

namespace Voxgate.Calls.Appointments;

/// <summary>The clinic whose appointments the agent books (configuration section <c>Clinic</c>), validated at start.</summary>
public sealed class ClinicOptions : IValidatableObject
{
    /// <summary>The configuration section these options bind to.</summary>
    public const string SectionName = "Clinic";

    /// <summary>The clinic's name, as the dashboard shows it.</summary>
    [Required]
    [MaxLength(200)]
    public string Name { get; set; } = "Voxgate Clinic";

    /// <summary>The time zone (IANA id) in which dates and times are spoken and booked.</summary>
    [Required]
    public string TimeZone { get; set; } = "UTC";

    /// <summary>How long an appointment is; slots start at opening time and every slot length after.</summary>
    [Range(5, 480)]
    public int SlotMinutes { get; set; } = 30;

    /// <summary>How far ahead a booking may be, in days.</summary>
    [Range(1, 3650)]
    public int BookingHorizonDays { get; set; } = 180;

    /// <summary>
    /// Opening hours per weekday, <c>"09:00-17:00"</c>, or <c>"closed"</c>; a day not named is closed.
    /// Set one with <c>Clinic:Hours:Saturday=closed</c>.
    /// </summary>
    public Dictionary<string, string> Hours { get; set; } = new(StringComparer.OrdinalIgnoreCase)
    {
        ["Monday"] = "09:00-17:00",
        ["Tuesday"] = "09:00-17:00",
        ["Wednesday"] = "09:00-17:00",
        ["Thursday"] = "09:00-17:00",
        ["Friday"] = "09:00-17:00",
        ["Saturday"] = "10:00-14:00",
        ["Sunday"] = "closed",
    };

    /// <summary>The services a caller can book; a booking names one of them or none.</summary>
    [MinLength(1)]
    public string[] Services { get; set; } = ["check up", "consultation", "follow up", "cleaning", "vaccination", "blood test", "eye test"];

    /// <inheritdoc />
    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        var problems = new List<ValidationResult>();
        try
        {
            _ = ClinicSchedule.Create(this);
        }
        catch (FormatException ex)
        {
            problems.Add(new ValidationResult(ex.Message, [nameof(Hours)]));
        }

        return problems;
    }
}
