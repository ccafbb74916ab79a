using System.Data.Common;
using Dapper;
using Microsoft.Extensions.Options;
using Voxgate.Calls.Store;

namespace Voxgate.Calls.Appointments;

/// <summary>
/// The clinic's appointment book in the store. Slots are checked against the clinic's hours; the database keeps two
/// bookings off one slot (a unique index) and counts references per day (a counter row updated in the booking's
/// transaction), so any number of Voxgate instances on one PostgreSQL never double-book or reuse a reference.
/// </summary>
public sealed class AppointmentBook
{
    private const string Booked = "booked";
    private const string Cancelled = "cancelled";
    private const int MaxAlternatives = 3;

    private readonly CallDatabase _database;
    private readonly TimeProvider _time;

    public AppointmentBook(CallDatabase database, IOptions<ClinicOptions> options, TimeProvider time)
    {
        _database = database;
        _time = time;
        Schedule = ClinicSchedule.Create(options.Value);
    }

    public ClinicSchedule Schedule { get; }

    /// <summary>Whether <paramref name="time"/> on <paramref name="date"/> is free; alternatives nearest it (or the day's first).</summary>
    public async Task<Availability> CheckAsync(DateOnly date, TimeOnly? time, CancellationToken cancellationToken)
    {
        IReadOnlyList<TimeOnly> free = await FreeSlotsAsync(date, cancellationToken).ConfigureAwait(false);
        bool available = time is { } t && free.Contains(t);
        return new Availability(available, ClinicSchedule.Format(date), time is { } asked ? ClinicSchedule.Format(asked) : null, Nearest(free, time, available ? time : null));
    }

    /// <summary>Books a slot; refuses a closed, past, unaligned or taken slot with alternatives.</summary>
    public async Task<BookingResult> BookAsync(DateOnly date, TimeOnly time, string name, string? phone, string? service, string? callId, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(name))
        {
            return BookingResult.Refused(BookingError.MissingName, "A booking needs the caller's name.");
        }

        string? canonicalService = null;
        if (!string.IsNullOrWhiteSpace(service))
        {
            canonicalService = Schedule.FindService(service);
            if (canonicalService is null)
            {
                return BookingResult.Refused(BookingError.UnknownService, $"'{service}' is not a service here; the services are: {string.Join(", ", Schedule.Services)}.");
            }
        }

        if (await RefuseSlotAsync(date, time, cancellationToken).ConfigureAwait(false) is { } refused)
        {
            return refused;
        }

        string day = ClinicSchedule.Format(date);
        string slot = ClinicSchedule.Format(time);
        long now = _time.GetUtcNow().ToUnixTimeMilliseconds();
        await using DbConnection connection = await _database.OpenAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await using DbTransaction transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);

            // The day's counter row is locked until commit, so bookings of one day take numbers one at a time; a refused
            // booking rolls its number back, so references have no gaps.
            long number = await connection.ExecuteScalarAsync<long>(new CommandDefinition(
                """
                INSERT INTO appointment_counters (day, last) VALUES (@day, 1)
                ON CONFLICT (day) DO UPDATE SET last = appointment_counters.last + 1
                RETURNING last
                """,
                new { day }, transaction, cancellationToken: cancellationToken)).ConfigureAwait(false);
            string reference = $"GB-{date:yyyyMMdd}-{number:000}";
            await connection.ExecuteAsync(new CommandDefinition(
                """
                INSERT INTO appointments (reference, day, time, name, phone, service, status, call_id, created_ms, updated_ms)
                VALUES (@reference, @day, @slot, @name, @phone, @canonicalService, @status, @callId, @now, @now)
                """,
                new { reference, day, slot, name = name.Trim(), phone = NormalizePhone(phone), canonicalService, status = Booked, callId, now },
                transaction, cancellationToken: cancellationToken)).ConfigureAwait(false);
            await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
            return BookingResult.Done(new Appointment(reference, day, slot, name.Trim(), NormalizePhone(phone), canonicalService, Booked, callId));
        }
        catch (DbException ex) when (CallDatabase.IsUniqueViolation(ex))
        {
            return await TakenAsync(date, time, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Moves a booking to another slot; its reference stays the one the caller was given.</summary>
    public async Task<BookingResult> RescheduleAsync(string reference, DateOnly date, TimeOnly time, CancellationToken cancellationToken)
    {
        Appointment? current = await GetAsync(reference, cancellationToken).ConfigureAwait(false);
        if (current is null)
        {
            return BookingResult.Refused(BookingError.NotFound, $"There is no booking {reference}.");
        }

        if (current.Status != Booked)
        {
            return BookingResult.Refused(BookingError.AlreadyCancelled, $"Booking {current.Reference} was cancelled; book a new appointment instead.");
        }

        if (current.Date == ClinicSchedule.Format(date) && current.Time == ClinicSchedule.Format(time))
        {
            return BookingResult.Done(current);
        }

        if (await RefuseSlotAsync(date, time, cancellationToken).ConfigureAwait(false) is { } refused)
        {
            return refused;
        }

        await using DbConnection connection = await _database.OpenAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            int changed = await connection.ExecuteAsync(new CommandDefinition(
                "UPDATE appointments SET day = @day, time = @slot, updated_ms = @now WHERE reference = @reference AND status = @status",
                new { day = ClinicSchedule.Format(date), slot = ClinicSchedule.Format(time), now = _time.GetUtcNow().ToUnixTimeMilliseconds(), reference = current.Reference, status = Booked },
                cancellationToken: cancellationToken)).ConfigureAwait(false);
            if (changed == 0)
            {
                return BookingResult.Refused(BookingError.AlreadyCancelled, $"Booking {current.Reference} was cancelled meanwhile.");
            }
        }
        catch (DbException ex) when (CallDatabase.IsUniqueViolation(ex))
        {
            return await TakenAsync(date, time, cancellationToken).ConfigureAwait(false);
        }

        return BookingResult.Done(current with { Date = ClinicSchedule.Format(date), Time = ClinicSchedule.Format(time) });
    }

    /// <summary>Cancels a booking, which frees its slot.</summary>
    public async Task<BookingResult> CancelAsync(string reference, CancellationToken cancellationToken)
    {
        Appointment? current = await GetAsync(reference, cancellationToken).ConfigureAwait(false);
        if (current is null)
        {
            return BookingResult.Refused(BookingError.NotFound, $"There is no booking {reference}.");
        }

        await using DbConnection connection = await _database.OpenAsync(cancellationToken).ConfigureAwait(false);
        int changed = await connection.ExecuteAsync(new CommandDefinition(
            "UPDATE appointments SET status = @cancelled, updated_ms = @now WHERE reference = @reference AND status = @booked",
            new { cancelled = Cancelled, booked = Booked, now = _time.GetUtcNow().ToUnixTimeMilliseconds(), reference = current.Reference },
            cancellationToken: cancellationToken)).ConfigureAwait(false);
        return changed == 0
            ? BookingResult.Refused(BookingError.AlreadyCancelled, $"Booking {current.Reference} was already cancelled.")
            : BookingResult.Done(current with { Status = Cancelled });
    }

    /// <summary>One booking by reference (any case), or null.</summary>
    public async Task<Appointment?> GetAsync(string reference, CancellationToken cancellationToken)
    {
        await using DbConnection connection = await _database.OpenAsync(cancellationToken).ConfigureAwait(false);
        IReadOnlyList<Appointment> found = await QueryAsync(connection, "WHERE reference = @reference", new { reference = reference.Trim().ToUpperInvariant() }, cancellationToken).ConfigureAwait(false);
        return found.Count > 0 ? found[0] : null;
    }

    /// <summary>Bookings by reference, or by name and/or phone (names ignore case, phones compare by digits).</summary>
    public async Task<IReadOnlyList<Appointment>> FindAsync(string? reference, string? name, string? phone, CancellationToken cancellationToken)
    {
        if (!string.IsNullOrWhiteSpace(reference))
        {
            return await GetAsync(reference, cancellationToken).ConfigureAwait(false) is { } one ? [one] : [];
        }

        string? digits = NormalizePhone(phone);
        if (string.IsNullOrWhiteSpace(name) && digits is null)
        {
            return [];
        }

        string where = (name, digits) switch
        {
            ({ }, { }) when !string.IsNullOrWhiteSpace(name) => "WHERE LOWER(name) = @name AND phone = @digits",
            _ when !string.IsNullOrWhiteSpace(name) => "WHERE LOWER(name) = @name",
            _ => "WHERE phone = @digits",
        };
        await using DbConnection connection = await _database.OpenAsync(cancellationToken).ConfigureAwait(false);
        return await QueryAsync(connection, where + " ORDER BY day, time LIMIT 10", new { name = name?.Trim().ToLowerInvariant(), digits }, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Bookings from <paramref name="from"/> to <paramref name="to"/> inclusive, in order.</summary>
    public async Task<IReadOnlyList<Appointment>> ListAsync(DateOnly from, DateOnly to, CancellationToken cancellationToken)
    {
        await using DbConnection connection = await _database.OpenAsync(cancellationToken).ConfigureAwait(false);
        return await QueryAsync(connection, "WHERE day >= @from AND day <= @to ORDER BY day, time, reference LIMIT 1000",
            new { from = ClinicSchedule.Format(from), to = ClinicSchedule.Format(to) }, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Free slots of <paramref name="date"/> that are still in the future.</summary>
    public async Task<IReadOnlyList<TimeOnly>> FreeSlotsAsync(DateOnly date, CancellationToken cancellationToken)
    {
        IReadOnlyList<TimeOnly> slots = Schedule.SlotsOn(date);
        if (slots.Count == 0)
        {
            return [];
        }

        DateTime now = Schedule.LocalNow(_time);
        await using DbConnection connection = await _database.OpenAsync(cancellationToken).ConfigureAwait(false);
        var taken = (await connection.QueryAsync<string>(new CommandDefinition(
            "SELECT time FROM appointments WHERE day = @day AND status = @status",
            new { day = ClinicSchedule.Format(date), status = Booked }, cancellationToken: cancellationToken)).ConfigureAwait(false)).ToHashSet(StringComparer.Ordinal);
        return [.. slots.Where(s => date.ToDateTime(s) > now && !taken.Contains(ClinicSchedule.Format(s)))];
    }

    /// <summary>Digits only, so "+44 20 7946 0958" and "+442079460958" are one caller; null when there are none.</summary>
    public static string? NormalizePhone(string? phone)
    {
        if (string.IsNullOrWhiteSpace(phone))
        {
            return null;
        }

        string digits = new([.. phone.Where(char.IsAsciiDigit)]);
        return digits.Length == 0 ? null : digits;
    }

    private async Task<BookingResult?> RefuseSlotAsync(DateOnly date, TimeOnly time, CancellationToken cancellationToken)
    {
        DateTime now = Schedule.LocalNow(_time);
        if (date.ToDateTime(time) <= now)
        {
            IReadOnlyList<TimeOnly> free = date >= DateOnly.FromDateTime(now) ? await FreeSlotsAsync(date, cancellationToken).ConfigureAwait(false) : [];
            return BookingResult.Refused(BookingError.InThePast, $"{ClinicSchedule.Format(date)} {ClinicSchedule.Format(time)} has already passed.", Nearest(free, time, null));
        }

        if (date > DateOnly.FromDateTime(now).AddDays(Schedule.Horizon))
        {
            return BookingResult.Refused(BookingError.TooFarAhead, $"Bookings can be made up to {Schedule.Horizon} days ahead.");
        }

        IReadOnlyList<TimeOnly> slots = Schedule.SlotsOn(date);
        if (slots.Count == 0 || time < slots[0] || time >= slots[^1].Add(Schedule.SlotLength))
        {
            IReadOnlyList<TimeOnly> free = await FreeSlotsAsync(date, cancellationToken).ConfigureAwait(false);
            return BookingResult.Refused(BookingError.Closed, $"The clinic is {Schedule.DescribeHours(date.DayOfWeek)}.", Nearest(free, time, null));
        }

        if (!slots.Contains(time))
        {
            IReadOnlyList<TimeOnly> free = await FreeSlotsAsync(date, cancellationToken).ConfigureAwait(false);
            return BookingResult.Refused(BookingError.NotASlot, $"Appointments start every {Schedule.SlotLength.TotalMinutes:0} minutes from opening time.", Nearest(free, time, null));
        }

        return null;
    }

    private async Task<BookingResult> TakenAsync(DateOnly date, TimeOnly time, CancellationToken cancellationToken)
    {
        IReadOnlyList<TimeOnly> free = await FreeSlotsAsync(date, cancellationToken).ConfigureAwait(false);
        return BookingResult.Refused(BookingError.SlotTaken, $"{ClinicSchedule.Format(date)} at {ClinicSchedule.Format(time)} is already booked.", Nearest(free, time, null));
    }

    /// <summary>Up to three free slots nearest <paramref name="time"/> (earlier first on a tie), in order; or the day's first three.</summary>
    private static string[] Nearest(IReadOnlyList<TimeOnly> free, TimeOnly? time, TimeOnly? except)
    {
        IEnumerable<TimeOnly> candidates = free.Where(s => s != except);
        if (time is { } t)
        {
            candidates = candidates.OrderBy(s => Math.Abs((s.ToTimeSpan() - t.ToTimeSpan()).TotalMinutes)).ThenBy(s => s);
        }

        return [.. candidates.Take(MaxAlternatives).Order().Select(ClinicSchedule.Format)];
    }

    private static async Task<IReadOnlyList<Appointment>> QueryAsync(DbConnection connection, string where, object parameters, CancellationToken cancellationToken)
    {
        var rows = await connection.QueryAsync<AppointmentRow>(new CommandDefinition(
            "SELECT reference, day, time, name, phone, service, status, call_id FROM appointments " + where, parameters, cancellationToken: cancellationToken)).ConfigureAwait(false);
        return [.. rows.Select(r => new Appointment(r.Reference, r.Day, r.Time, r.Name, r.Phone, r.Service, r.Status, r.Call_Id))];
    }

#pragma warning disable CA1812 // Created by Dapper.
    private sealed class AppointmentRow
    {
        public string Reference { get; set; } = "";
        public string Day { get; set; } = "";
        public string Time { get; set; } = "";
        public string Name { get; set; } = "";
        public string? Phone { get; set; }
        public string? Service { get; set; }
        public string Status { get; set; } = "";
        public string? Call_Id { get; set; }
    }
#pragma warning restore CA1812
}
