using System.Buffers;
using System.ComponentModel;
using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.AI;

namespace Voxgate.Speech.Brain;

/// <summary>
/// An appointment book in memory behind the five booking tools the receptionist calls, with exactly the contract the
/// real ones have (<c>check_availability</c>, <c>book_appointment</c>, <c>reschedule_appointment</c>,
/// <c>cancel_appointment</c>, <c>find_booking</c>; dates <c>YYYY-MM-DD</c>, times <c>HH:mm</c>, references
/// <c>GB-YYYYMMDD-NNN</c>). For the dialogue benchmark and tests; hosts bring their own tools.
/// </summary>
/// <remarks>Thread-safe. Every call is logged with its arguments and result, for scoring.</remarks>
internal sealed class InMemoryAppointmentBook
{
    private const int MaxAlternatives = 3;

    private readonly Lock _gate = new();
    private readonly List<Appointment> _appointments = [];
    private readonly HashSet<(DateOnly, TimeOnly)> _taken = [];
    private readonly List<BookCall> _calls = [];
    private readonly Dictionary<DateOnly, int> _sequence = [];
    private readonly IDictionary<DayOfWeek, DailyHours> _hours;
    private readonly TimeSpan _length;
    private readonly TimeProvider _clock;
    private readonly TimeZoneInfo _timeZone;

    /// <summary>A book open as <paramref name="options"/> says, empty.</summary>
    public InMemoryAppointmentBook(ReceptionistOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _hours = options.OpeningHours;
        _length = options.AppointmentLength;
        _clock = options.TimeProvider;
        _timeZone = TimeZoneInfo.FindSystemTimeZoneById(options.TimeZoneId);
    }

    /// <summary>Every tool call so far, in order.</summary>
    public IReadOnlyList<BookCall> Calls
    {
        get
        {
            lock (_gate)
            {
                return [.. _calls];
            }
        }
    }

    public IReadOnlyList<Appointment> Appointments
    {
        get
        {
            lock (_gate)
            {
                return [.. _appointments];
            }
        }
    }

    /// <summary>Puts an appointment in the book, as if made before the call; its reference counts for the day's numbering.</summary>
    public void Add(Appointment appointment)
    {
        ArgumentNullException.ThrowIfNull(appointment);
        lock (_gate)
        {
            _appointments.Add(appointment);
            int number = int.Parse(appointment.Reference.AsSpan(appointment.Reference.LastIndexOf('-') + 1), CultureInfo.InvariantCulture);
            _sequence[appointment.Date] = Math.Max(_sequence.GetValueOrDefault(appointment.Date), number);
        }
    }

    /// <summary>Marks a slot as taken by someone else (not findable by name or reference).</summary>
    public void Take(DateOnly date, TimeOnly time)
    {
        lock (_gate)
        {
            _taken.Add((date, time));
        }
    }

    /// <summary>The five tools, as functions the receptionist (or function-invocation middleware) can call.</summary>
    public IList<AITool> Tools() =>
    [
        AIFunctionFactory.Create(
            ([Description("YYYY-MM-DD")] string date, [Description("HH:mm; omit to ask about the whole day")] string? time = null, string? service = null) =>
                CheckAvailability(date, time, service),
            BookingTools.CheckAvailability, "Whether a time is free, with other free times that day."),
        AIFunctionFactory.Create(
            ([Description("YYYY-MM-DD")] string date, [Description("HH:mm")] string time, [Description("Who the appointment is for")] string name, string? phone = null, string? service = null) =>
                Book(date, time, name, phone, service),
            BookingTools.BookAppointment, "Books an appointment and returns its reference."),
        AIFunctionFactory.Create(
            ([Description("GB-YYYYMMDD-NNN")] string reference, [Description("YYYY-MM-DD")] string date, [Description("HH:mm")] string time) =>
                Reschedule(reference, date, time),
            BookingTools.RescheduleAppointment, "Moves an appointment to another time; the reference stays."),
        AIFunctionFactory.Create(
            ([Description("GB-YYYYMMDD-NNN")] string reference) => Cancel(reference),
            BookingTools.CancelAppointment, "Cancels an appointment."),
        AIFunctionFactory.Create(
            (string? reference = null, string? name = null, string? phone = null) => Find(reference, name, phone),
            BookingTools.FindBooking, "Finds bookings by reference, name or phone number."),
    ];

    public JsonElement CheckAvailability(string date, string? time, string? service)
    {
        lock (_gate)
        {
            if (!TryDate(date, out DateOnly day) || (time is not null && !TryTime(time, out _)))
            {
                return Log(BookingTools.CheckAvailability, [("date", date), ("time", time), ("service", service)], Json(w =>
                {
                    w.WriteBoolean("available", false);
                    w.WriteString("date", date);
                    WriteNullable(w, "time", time);
                    WriteTimes(w, "alternatives", []);
                }));
            }

            TimeOnly? at = time is null ? null : TimeOnly.ParseExact(time, "HH:mm", CultureInfo.InvariantCulture);
            List<TimeOnly> free = FreeTimes(day, except: null);
            bool available = at is { } t ? IsFree(day, t, except: null) : free.Count > 0;
            List<TimeOnly> alternatives = at is { } wanted && !available ? Nearest(free, wanted) : at is null ? [.. free.Take(MaxAlternatives + 1)] : [];
            return Log(BookingTools.CheckAvailability, [("date", date), ("time", time), ("service", service)], Json(w =>
            {
                w.WriteBoolean("available", available);
                w.WriteString("date", date);
                WriteNullable(w, "time", time);
                WriteTimes(w, "alternatives", alternatives);
            }));
        }
    }

    public JsonElement Book(string date, string time, string name, string? phone, string? service)
    {
        (string, string?)[] arguments = [("date", date), ("time", time), ("name", name), ("phone", phone), ("service", service)];
        lock (_gate)
        {
            if (Refuse(date, time, except: null, out DateOnly day, out TimeOnly at) is { } refusal)
            {
                return Log(BookingTools.BookAppointment, arguments, Failure("booked", refusal.Error, refusal.Message, refusal.Alternatives));
            }

            if (string.IsNullOrWhiteSpace(name))
            {
                return Log(BookingTools.BookAppointment, arguments, Failure("booked", "name_required", "A booking needs the caller's name.", []));
            }

            int number = _sequence.GetValueOrDefault(day) + 1;
            _sequence[day] = number;
            var appointment = new Appointment(
                string.Create(CultureInfo.InvariantCulture, $"GB-{day:yyyyMMdd}-{number:000}"), day, at, name.Trim(), service, phone);
            _appointments.Add(appointment);
            return Log(BookingTools.BookAppointment, arguments, Json(w =>
            {
                w.WriteBoolean("booked", true);
                w.WriteString("reference", appointment.Reference);
                w.WriteString("date", date);
                w.WriteString("time", time);
                w.WriteString("name", appointment.Name);
                WriteNullable(w, "service", service);
            }));
        }
    }

    public JsonElement Reschedule(string reference, string date, string time)
    {
        (string, string?)[] arguments = [("reference", reference), ("date", date), ("time", time)];
        lock (_gate)
        {
            int index = IndexOf(reference);
            if (index < 0)
            {
                return Log(BookingTools.RescheduleAppointment, arguments, Failure("rescheduled", "not_found", $"No booking has the reference {reference}.", []));
            }

            Appointment appointment = _appointments[index];
            if (Refuse(date, time, except: appointment, out DateOnly day, out TimeOnly at) is { } refusal)
            {
                return Log(BookingTools.RescheduleAppointment, arguments, Failure("rescheduled", refusal.Error, refusal.Message, refusal.Alternatives));
            }

            _appointments[index] = appointment with { Date = day, Time = at };
            return Log(BookingTools.RescheduleAppointment, arguments, Json(w =>
            {
                w.WriteBoolean("rescheduled", true);
                w.WriteString("reference", appointment.Reference);
                w.WriteString("date", date);
                w.WriteString("time", time);
            }));
        }
    }

    public JsonElement Cancel(string reference)
    {
        lock (_gate)
        {
            int index = IndexOf(reference);
            if (index < 0)
            {
                return Log(BookingTools.CancelAppointment, [("reference", reference)], Json(w =>
                {
                    w.WriteBoolean("cancelled", false);
                    w.WriteString("error", "not_found");
                    w.WriteString("message", $"No booking has the reference {reference}.");
                }));
            }

            _appointments[index] = _appointments[index] with { Status = Appointment.CancelledStatus };
            string canonical = _appointments[index].Reference;
            return Log(BookingTools.CancelAppointment, [("reference", reference)], Json(w =>
            {
                w.WriteBoolean("cancelled", true);
                w.WriteString("reference", canonical);
            }));
        }
    }

    public JsonElement Find(string? reference, string? name, string? phone)
    {
        lock (_gate)
        {
            Appointment[] found = [.. _appointments.Where(a =>
                (reference is not null && SameReference(a.Reference, reference))
                || (name is not null && SameName(a.Name, name))
                || (phone is not null && a.Phone is not null && Digits(a.Phone) == Digits(phone)))];
            return Log(BookingTools.FindBooking, [("reference", reference), ("name", name), ("phone", phone)], Json(w =>
            {
                w.WriteBoolean("found", found.Length > 0);
                w.WriteStartArray("bookings");
                foreach (Appointment a in found)
                {
                    w.WriteStartObject();
                    w.WriteString("reference", a.Reference);
                    w.WriteString("date", a.Date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
                    w.WriteString("time", a.Time.ToString("HH:mm", CultureInfo.InvariantCulture));
                    w.WriteString("name", a.Name);
                    WriteNullable(w, "service", a.Service);
                    w.WriteString("status", a.Status);
                    w.WriteEndObject();
                }

                w.WriteEndArray();
            }));
        }
    }

    /// <summary>Why a booking at that time cannot be made, or null when it can.</summary>
    private (string Error, string Message, List<TimeOnly> Alternatives)? Refuse(string date, string time, Appointment? except, out DateOnly day, out TimeOnly at)
    {
        at = default;
        if (!TryDate(date, out day))
        {
            return ("invalid_date", $"'{date}' is not a YYYY-MM-DD date.", []);
        }

        if (!TryTime(time, out at))
        {
            return ("invalid_time", $"'{time}' is not an HH:mm time.", []);
        }

        DateTime now = TimeZoneInfo.ConvertTime(_clock.GetUtcNow(), _timeZone).DateTime;
        if (day.ToDateTime(at) <= now)
        {
            return ("in_the_past", "That time has already passed.", []);
        }

        if (!_hours.TryGetValue(day.DayOfWeek, out DailyHours? hours))
        {
            return ("closed", $"We are closed on {day.DayOfWeek}s.", []);
        }

        if (at < hours.Opens || at.ToTimeSpan() + _length > hours.Closes.ToTimeSpan())
        {
            return ("closed", $"On {day.DayOfWeek}s we are open from {hours.Opens:HH:mm} to {hours.Closes:HH:mm}.", Nearest(FreeTimes(day, except), at));
        }

        if (!IsFree(day, at, except))
        {
            return ("slot_taken", "That time is already booked.", Nearest(FreeTimes(day, except), at));
        }

        return null;
    }

    private bool IsFree(DateOnly day, TimeOnly at, Appointment? except)
    {
        if (!_hours.TryGetValue(day.DayOfWeek, out DailyHours? hours) || at < hours.Opens || at.ToTimeSpan() + _length > hours.Closes.ToTimeSpan())
        {
            return false;
        }

        DateTime now = TimeZoneInfo.ConvertTime(_clock.GetUtcNow(), _timeZone).DateTime;
        if (day.ToDateTime(at) <= now)
        {
            return false;
        }

        bool Overlaps(TimeOnly other) => Math.Abs((other.ToTimeSpan() - at.ToTimeSpan()).TotalMinutes) < _length.TotalMinutes;
        return !_taken.Any(t => t.Item1 == day && Overlaps(t.Item2))
            && !_appointments.Any(a => a != except && a.Status == Appointment.BookedStatus && a.Date == day && Overlaps(a.Time));
    }

    /// <summary>The free appointment starts of a day, on the half hour.</summary>
    private List<TimeOnly> FreeTimes(DateOnly day, Appointment? except)
    {
        var free = new List<TimeOnly>();
        if (!_hours.TryGetValue(day.DayOfWeek, out DailyHours? hours))
        {
            return free;
        }

        for (TimeSpan t = hours.Opens.ToTimeSpan(); t + _length <= hours.Closes.ToTimeSpan(); t += TimeSpan.FromMinutes(30))
        {
            if (IsFree(day, TimeOnly.FromTimeSpan(t), except))
            {
                free.Add(TimeOnly.FromTimeSpan(t));
            }
        }

        return free;
    }

    /// <summary>The free times nearest the one wanted; of two as near, the later first (people usually want "the next one").</summary>
    private static List<TimeOnly> Nearest(List<TimeOnly> free, TimeOnly wanted) =>
        [.. free.OrderBy(t => Math.Abs((t - wanted).TotalMinutes) is var d && d > 720 ? 1440 - d : d).ThenByDescending(t => t).Take(MaxAlternatives)];

    private int IndexOf(string reference) =>
        _appointments.FindIndex(a => a.Status == Appointment.BookedStatus && SameReference(a.Reference, reference));

    private static bool SameReference(string a, string b) =>
        string.Equals(Canonical(a), Canonical(b), StringComparison.Ordinal);

    private static string Canonical(string reference) =>
        new([.. reference.Where(char.IsLetterOrDigit).Select(char.ToUpperInvariant)]);

    /// <summary>The whole name, or the first or last name alone, without regard to case.</summary>
    private static bool SameName(string booked, string asked)
    {
        string a = asked.Trim();
        if (string.Equals(booked, a, StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }

        string[] parts = booked.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        return !a.Contains(' ', StringComparison.Ordinal) && parts.Any(p => string.Equals(p, a, StringComparison.OrdinalIgnoreCase));
    }

    private static string Digits(string text) => new([.. text.Where(char.IsAsciiDigit)]);

    private static bool TryDate(string text, out DateOnly date) =>
        DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out date);

    private static bool TryTime(string text, out TimeOnly time) =>
        TimeOnly.TryParseExact(text, "HH:mm", CultureInfo.InvariantCulture, DateTimeStyles.None, out time);

    private JsonElement Log(string tool, (string Name, string? Value)[] arguments, JsonElement result)
    {
        _calls.Add(new BookCall(tool, arguments.Where(a => a.Value is not null).ToDictionary(a => a.Name, a => a.Value!, StringComparer.Ordinal), result));
        return result;
    }

    private static JsonElement Failure(string flag, string error, string message, List<TimeOnly> alternatives) => Json(w =>
    {
        w.WriteBoolean(flag, false);
        w.WriteString("error", error);
        w.WriteString("message", message);
        WriteTimes(w, "alternatives", alternatives);
    });

    private static void WriteTimes(Utf8JsonWriter writer, string name, IEnumerable<TimeOnly> times)
    {
        writer.WriteStartArray(name);
        foreach (TimeOnly t in times)
        {
            writer.WriteStringValue(t.ToString("HH:mm", CultureInfo.InvariantCulture));
        }

        writer.WriteEndArray();
    }

    private static void WriteNullable(Utf8JsonWriter writer, string name, string? value)
    {
        if (value is null)
        {
            writer.WriteNull(name);
        }
        else
        {
            writer.WriteString(name, value);
        }
    }

    private static JsonElement Json(Action<Utf8JsonWriter> write)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            write(writer);
            writer.WriteEndObject();
        }

        using var document = JsonDocument.Parse(buffer.WrittenMemory);
        return document.RootElement.Clone();
    }
}
