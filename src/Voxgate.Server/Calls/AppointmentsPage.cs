using Voxgate.Calls.Appointments;

namespace Voxgate.Server.Calls;

/// <summary>The answer of <c>GET /api/appointments</c>: the clinic, its today, and the bookings asked for.</summary>
public sealed record AppointmentsPage(string Clinic, string TimeZone, string Today, string From, string To, IReadOnlyList<Appointment> Items);
