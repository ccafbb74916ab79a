namespace Voxgate.Calls.Appointments;

/// <summary>What a booking, rescheduling or cancellation did: the appointment, or an error with alternatives that day.</summary>
public sealed record BookingResult(Appointment? Appointment, string? Error, string? Message, IReadOnlyList<string> Alternatives)
{
    public bool Succeeded => Error is null;

    public static BookingResult Done(Appointment appointment) => new(appointment, null, null, []);

    public static BookingResult Refused(string error, string message, IReadOnlyList<string>? alternatives = null) => new(null, error, message, alternatives ?? []);
}
