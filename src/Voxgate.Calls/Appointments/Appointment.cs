namespace Voxgate.Calls.Appointments;

/// <summary>A booking: its reference (<c>GB-YYYYMMDD-###</c>), the slot, who and what for, and <c>booked</c> or <c>cancelled</c>.</summary>
public sealed record Appointment(
    string Reference, string Date, string Time, string Name, string? Phone, string? Service, string Status, string? CallId);
