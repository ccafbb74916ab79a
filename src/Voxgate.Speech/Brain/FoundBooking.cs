using System.Globalization;
using System.Text.Json;

namespace Voxgate.Speech.Brain;

/// <summary>A booking <c>find_booking</c> returned.</summary>
internal sealed record FoundBooking(string Reference, DateOnly Date, TimeOnly Time, string? Name, string? Service)
{
    /// <summary>One entry of the result's <c>bookings</c>; null when it is malformed or no longer booked.</summary>
    public static FoundBooking? Read(JsonElement booking)
    {
        if (booking.ValueKind != JsonValueKind.Object
            || !TryString(booking, "reference", out string? reference)
            || !TryString(booking, "date", out string? date)
            || !TryString(booking, "time", out string? time)
            || !DateOnly.TryParseExact(date, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out DateOnly day)
            || !TimeOnly.TryParseExact(time, "HH:mm", CultureInfo.InvariantCulture, DateTimeStyles.None, out TimeOnly at))
        {
            return null;
        }

        if (TryString(booking, "status", out string? status) && status is "cancelled" or "canceled")
        {
            return null;
        }

        TryString(booking, "name", out string? name);
        TryString(booking, "service", out string? service);
        return new FoundBooking(reference!, day, at, name, service);
    }

    private static bool TryString(JsonElement json, string name, out string? value)
    {
        value = json.TryGetProperty(name, out JsonElement element) && element.ValueKind == JsonValueKind.String ? element.GetString() : null;
        return value is not null;
    }
}
