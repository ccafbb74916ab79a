using System.ComponentModel;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.AI;

namespace Voxgate.Calls.Appointments;

/// <summary>
/// The agent's appointment tools as <see cref="AIFunction"/>s: <c>check_availability</c>, <c>book_appointment</c>,
/// <c>reschedule_appointment</c>, <c>cancel_appointment</c> and <c>find_booking</c>. Every argument is a JSON string;
/// dates are <c>YYYY-MM-DD</c> and times <c>HH:mm</c> (24-hour) in the clinic's time zone. Results are JSON objects
/// with exactly the fields docs/calls.md lists; a refused request is a result with an <c>error</c> code, never an exception.
/// </summary>
public sealed class AppointmentTools(AppointmentBook book)
{
    public const string CheckAvailability = "check_availability";
    public const string BookAppointment = "book_appointment";
    public const string RescheduleAppointment = "reschedule_appointment";
    public const string CancelAppointment = "cancel_appointment";
    public const string FindBooking = "find_booking";

    // MEAI's defaults indent; a tool result goes back to a model as it is, so it is kept compact.
    private static readonly JsonSerializerOptions Compact = new(AIJsonUtilities.DefaultOptions) { WriteIndented = false };

    /// <summary>The five tools for one call: bookings carry its caller's number and id, and each call is recorded in it.</summary>
    public IReadOnlyList<AIFunction> For(CallContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        AIFunction[] tools =
        [
            AIFunctionFactory.Create(
                ([Description("The day, YYYY-MM-DD.")] string date,
                 [Description("The time wanted, HH:mm 24-hour; omit to hear the first free slots of the day.")] string? time = null,
                 [Description("The service wanted, if the caller said.")] string? service = null,
                 CancellationToken cancellationToken = default) => CheckAsync(date, time, cancellationToken),
                new AIFunctionFactoryOptions { SerializerOptions = Compact, Name = CheckAvailability, Description = $"Checks whether a slot at {book.Schedule.Name} is free; gives up to 3 free times nearest it that day." }),
            AIFunctionFactory.Create(
                ([Description("The day, YYYY-MM-DD.")] string date,
                 [Description("The time, HH:mm 24-hour.")] string time,
                 [Description("The caller's name.")] string name,
                 [Description("The caller's phone number; the caller id is used when omitted.")] string? phone = null,
                 [Description($"The service: one the clinic offers.")] string? service = null,
                 CancellationToken cancellationToken = default) => BookAsync(context, date, time, name, phone, service, cancellationToken),
                new AIFunctionFactoryOptions { SerializerOptions = Compact, Name = BookAppointment, Description = $"Books an appointment at {book.Schedule.Name}; returns its reference (GB-YYYYMMDD-###) to read back to the caller. Services: {string.Join(", ", book.Schedule.Services)}." }),
            AIFunctionFactory.Create(
                ([Description("The booking's reference, GB-YYYYMMDD-###.")] string reference,
                 [Description("The new day, YYYY-MM-DD.")] string date,
                 [Description("The new time, HH:mm 24-hour.")] string time,
                 CancellationToken cancellationToken = default) => RescheduleAsync(reference, date, time, cancellationToken),
                new AIFunctionFactoryOptions { SerializerOptions = Compact, Name = RescheduleAppointment, Description = "Moves a booking to another slot; the reference stays the same." }),
            AIFunctionFactory.Create(
                ([Description("The booking's reference, GB-YYYYMMDD-###.")] string reference,
                 CancellationToken cancellationToken = default) => CancelAsync(reference, cancellationToken),
                new AIFunctionFactoryOptions { SerializerOptions = Compact, Name = CancelAppointment, Description = "Cancels a booking by its reference." }),
            AIFunctionFactory.Create(
                ([Description("The booking's reference, if the caller knows it.")] string? reference = null,
                 [Description("The name the booking is under.")] string? name = null,
                 [Description("The phone number it was booked with; the caller id is used when nothing is given.")] string? phone = null,
                 CancellationToken cancellationToken = default) => FindAsync(context, reference, name, phone, cancellationToken),
                new AIFunctionFactoryOptions { SerializerOptions = Compact, Name = FindBooking, Description = "Finds bookings by reference, or by name and phone." }),
        ];
        return context.Recording is null ? tools : [.. tools.Select(t => new RecordedAIFunction(t, context.Recording))];
    }

    private async Task<JsonElement> CheckAsync(string date, string? time, CancellationToken cancellationToken)
    {
        bool timeGiven = !string.IsNullOrWhiteSpace(time);
        if (!ClinicSchedule.TryParseDate(date, out DateOnly day) || (timeGiven && !ClinicSchedule.TryParseTime(time, out _)))
        {
            return Result(new JsonObject { ["available"] = false, ["date"] = date, ["time"] = timeGiven ? time : null, ["alternatives"] = new JsonArray() });
        }

        TimeOnly? at = timeGiven && ClinicSchedule.TryParseTime(time, out TimeOnly t) ? t : null;
        Availability availability = await book.CheckAsync(day, at, cancellationToken).ConfigureAwait(false);
        return Result(new JsonObject
        {
            ["available"] = availability.Available,
            ["date"] = availability.Date,
            ["time"] = availability.Time,
            ["alternatives"] = Strings(availability.Alternatives),
        });
    }

    private async Task<JsonElement> BookAsync(CallContext context, string date, string time, string name, string? phone, string? service, CancellationToken cancellationToken)
    {
        if (Invalid(date, time) is { } invalid)
        {
            return Refusal("booked", invalid);
        }

        _ = ClinicSchedule.TryParseDate(date, out DateOnly day);
        _ = ClinicSchedule.TryParseTime(time, out TimeOnly at);
        BookingResult result = await book.BookAsync(day, at, name, string.IsNullOrWhiteSpace(phone) ? context.CallerPhone : phone, service, context.CallId, cancellationToken).ConfigureAwait(false);
        if (result.Appointment is not { } booked)
        {
            return Refusal("booked", result);
        }

        return Result(new JsonObject
        {
            ["booked"] = true,
            ["reference"] = booked.Reference,
            ["date"] = booked.Date,
            ["time"] = booked.Time,
            ["name"] = booked.Name,
            ["service"] = booked.Service,
        });
    }

    private async Task<JsonElement> RescheduleAsync(string reference, string date, string time, CancellationToken cancellationToken)
    {
        if (Invalid(date, time) is { } invalid)
        {
            return Refusal("rescheduled", invalid);
        }

        _ = ClinicSchedule.TryParseDate(date, out DateOnly day);
        _ = ClinicSchedule.TryParseTime(time, out TimeOnly at);
        BookingResult result = await book.RescheduleAsync(reference ?? string.Empty, day, at, cancellationToken).ConfigureAwait(false);
        if (result.Appointment is not { } moved)
        {
            return Refusal("rescheduled", result);
        }

        return Result(new JsonObject { ["rescheduled"] = true, ["reference"] = moved.Reference, ["date"] = moved.Date, ["time"] = moved.Time });
    }

    private async Task<JsonElement> CancelAsync(string reference, CancellationToken cancellationToken)
    {
        BookingResult result = await book.CancelAsync(reference ?? string.Empty, cancellationToken).ConfigureAwait(false);
        return result.Appointment is { } cancelled
            ? Result(new JsonObject { ["cancelled"] = true, ["reference"] = cancelled.Reference })
            : Result(new JsonObject { ["cancelled"] = false, ["error"] = result.Error, ["message"] = result.Message });
    }

    private async Task<JsonElement> FindAsync(CallContext context, string? reference, string? name, string? phone, CancellationToken cancellationToken)
    {
        bool nothingGiven = string.IsNullOrWhiteSpace(reference) && string.IsNullOrWhiteSpace(name) && string.IsNullOrWhiteSpace(phone);
        IReadOnlyList<Appointment> found = await book.FindAsync(reference, name, nothingGiven ? context.CallerPhone : phone, cancellationToken).ConfigureAwait(false);
        var bookings = new JsonArray();
        foreach (Appointment a in found)
        {
            bookings.Add(new JsonObject
            {
                ["reference"] = a.Reference, ["date"] = a.Date, ["time"] = a.Time, ["name"] = a.Name, ["service"] = a.Service, ["status"] = a.Status,
            });
        }

        return Result(new JsonObject { ["found"] = found.Count > 0, ["bookings"] = bookings });
    }

    private static BookingResult? Invalid(string date, string time)
    {
        if (!ClinicSchedule.TryParseDate(date, out _))
        {
            return BookingResult.Refused(BookingError.InvalidDate, $"'{date}' is not a date as YYYY-MM-DD.");
        }

        return ClinicSchedule.TryParseTime(time, out _) ? null : BookingResult.Refused(BookingError.InvalidTime, $"'{time}' is not a time as HH:mm (24-hour).");
    }

    private static JsonElement Refusal(string flag, BookingResult result) => Result(new JsonObject
    {
        [flag] = false,
        ["error"] = result.Error,
        ["message"] = result.Message,
        ["alternatives"] = Strings(result.Alternatives),
    });

    private static JsonArray Strings(IEnumerable<string> values) => new([.. values.Select(v => (JsonNode?)JsonValue.Create(v))]);

    private static JsonElement Result(JsonObject result)
    {
        using var document = JsonDocument.Parse(result.ToJsonString());
        return document.RootElement.Clone();
    }
}
