namespace Voxgate.Speech.Brain;

/// <summary>An appointment in an <see cref="InMemoryAppointmentBook"/>.</summary>
/// <param name="Reference">The booking reference, <c>GB-YYYYMMDD-NNN</c>.</param>
/// <param name="Date">The day.</param>
/// <param name="Time">The start time.</param>
/// <param name="Name">Who it is for.</param>
/// <param name="Service">What it is for, when said.</param>
/// <param name="Phone">A phone number, when given.</param>
internal sealed record Appointment(string Reference, DateOnly Date, TimeOnly Time, string Name, string? Service = null, string? Phone = null)
{
    /// <summary>"booked" or "cancelled".</summary>
    public string Status { get; init; } = BookedStatus;

    public const string BookedStatus = "booked";
    public const string CancelledStatus = "cancelled";
}
