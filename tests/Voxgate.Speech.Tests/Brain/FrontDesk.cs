using System.ComponentModel;
using Microsoft.Extensions.AI;
using Voxgate.Speech.Brain;

namespace Voxgate.Speech.Tests.Brain;

/// <summary>
/// The appointment book behind the receptionist in these tests: the booking tools' contract over an
/// <see cref="InMemoryAppointmentBook"/>, plus narrower tools of the kind older hosts offer.
/// </summary>
internal sealed class FrontDesk
{
    public FrontDesk(ReceptionistOptions options) => Book = new InMemoryAppointmentBook(options);

    public InMemoryAppointmentBook Book { get; }

    /// <summary>The contract's five tools, or some of them.</summary>
    public IList<AITool> Tools(params string[] only) =>
        [.. Book.Tools().Where(t => only.Length == 0 || only.Contains(t.Name))];

    /// <summary>The tools' calls that changed the book, as "tool(argument=value, …)".</summary>
    public string[] Changes => [.. Book.Calls.Where(c => c.Changed).Select(Describe)];

    public static string Describe(BookCall call) =>
        $"{call.Tool}({string.Join(", ", call.Arguments.OrderBy(a => a.Key, StringComparer.Ordinal).Select(a => $"{a.Key}={a.Value}"))})";

    /// <summary>
    /// Narrower tools, as a host with its own calendar might offer: no name on bookings, no lookup, no reschedule,
    /// and a cancellation by day and time.
    /// </summary>
    public static IList<AITool> LegacyTools(List<string> log) =>
    [
        AIFunctionFactory.Create(
            ([Description("YYYY-MM-DD")] string date, [Description("HH:mm")] string time) => new { available = true },
            BookingTools.CheckAvailability, "Whether a time is free."),
        AIFunctionFactory.Create(
            (string date, string time) =>
            {
                log.Add($"book {date} {time}");
                return new { booked = true, appointment_id = "A1" };
            },
            BookingTools.BookAppointment, "Books an appointment."),
        AIFunctionFactory.Create(
            (string date, string? time = null, string? appointment_id = null) =>
            {
                log.Add($"cancel {date} {time} {appointment_id}".TrimEnd());
                return new { cancelled = true };
            },
            BookingTools.CancelAppointment, "Cancels an appointment."),
    ];
}
