using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Extensions.AI;

namespace Voxgate.Speech.Brain;

/// <summary>
/// What a tool's result means for the dialogue: did it work, the booking reference it gave, the free times it
/// offered, the error code, and the bookings <c>find_booking</c> found. Results come from whatever host runs the
/// tools, so the contract's JSON objects are read first, but a bare boolean or a sentence is read too.
/// </summary>
internal sealed partial record ToolOutcome(bool Success, string? Reference, IReadOnlyList<TimeOnly> Alternatives)
{
    private static readonly string[] SuccessProperties = ["available", "success", "ok", "booked", "rescheduled", "cancelled", "canceled", "confirmed", "found"];
    private static readonly string[] ReferenceProperties = ["reference", "appointment_id", "appointmentId", "id", "booking_id", "bookingId"];
    private static readonly string[] AlternativeProperties = ["alternatives", "available_times", "availableTimes", "suggestions", "suggested_times", "next_available"];

    /// <summary>The first time offered instead, if any.</summary>
    public TimeOnly? Alternative => Alternatives.Count > 0 ? Alternatives[0] : null;

    /// <summary>The contract's error code ("slot_taken", "closed", "not_found", …), when the tool gave one.</summary>
    public string? Error { get; init; }

    /// <summary>The bookings a lookup found (only those still booked).</summary>
    public IReadOnlyList<FoundBooking> Bookings { get; init; } = [];

    public static ToolOutcome Read(FunctionResultContent result)
    {
        ArgumentNullException.ThrowIfNull(result);
        if (result.Exception is not null)
        {
            return new ToolOutcome(false, null, []);
        }

        return result.Result switch
        {
            null => new ToolOutcome(true, null, []),
            bool success => new ToolOutcome(success, null, []),
            JsonElement json => ReadJson(json),
            string text => ReadText(text),
            object other => ReadText(other.ToString() ?? ""),
        };
    }

    private static ToolOutcome ReadText(string text)
    {
        string trimmed = text.Trim();
        if (trimmed.StartsWith('{') || trimmed.StartsWith('[') || trimmed is "true" or "false")
        {
            try
            {
                using var document = JsonDocument.Parse(trimmed);
                return ReadJson(document.RootElement);
            }
            catch (JsonException)
            {
                // Not JSON after all: read it as words.
            }
        }

        bool failed = Negative().IsMatch(trimmed.ToLowerInvariant());
        return new ToolOutcome(!failed, null, failed ? Times(trimmed) : []);
    }

    private static ToolOutcome ReadJson(JsonElement json)
    {
        switch (json.ValueKind)
        {
            case JsonValueKind.True:
                return new ToolOutcome(true, null, []);
            case JsonValueKind.False:
                return new ToolOutcome(false, null, []);
            case JsonValueKind.String:
                return ReadText(json.GetString() ?? "");
            case JsonValueKind.Object:
                break;
            default:
                return new ToolOutcome(true, null, []);
        }

        string? error = json.TryGetProperty("error", out JsonElement errorValue) && errorValue.ValueKind == JsonValueKind.String ? errorValue.GetString() : null;
        bool success = !json.TryGetProperty("error", out JsonElement anyError) || anyError.ValueKind is JsonValueKind.Null or JsonValueKind.False;
        foreach (string name in SuccessProperties)
        {
            if (json.TryGetProperty(name, out JsonElement flag) && flag.ValueKind is JsonValueKind.True or JsonValueKind.False)
            {
                success &= flag.ValueKind == JsonValueKind.True;
            }
        }

        if (json.TryGetProperty("status", out JsonElement status) && status.ValueKind == JsonValueKind.String)
        {
            success &= !Negative().IsMatch(status.GetString()!.ToLowerInvariant());
        }

        string? reference = null;
        foreach (string name in ReferenceProperties)
        {
            if (json.TryGetProperty(name, out JsonElement value) && value.ValueKind is JsonValueKind.String or JsonValueKind.Number)
            {
                reference = value.ToString();
                break;
            }
        }

        IReadOnlyList<TimeOnly> alternatives = [];
        foreach (string name in AlternativeProperties)
        {
            if (json.TryGetProperty(name, out JsonElement value))
            {
                alternatives = Times(value.ToString());
                break;
            }
        }

        List<FoundBooking> bookings = [];
        if (json.TryGetProperty("bookings", out JsonElement found) && found.ValueKind == JsonValueKind.Array)
        {
            foreach (JsonElement booking in found.EnumerateArray())
            {
                if (FoundBooking.Read(booking) is { } read)
                {
                    bookings.Add(read);
                }
            }
        }

        return new ToolOutcome(success, reference, alternatives) { Error = error, Bookings = bookings };
    }

    private static List<TimeOnly> Times(string text)
    {
        var times = new List<TimeOnly>();
        foreach (Match match in ClockTime().Matches(text))
        {
            if (TimeOnly.TryParseExact(match.Value.PadLeft(5, '0'), "HH:mm", CultureInfo.InvariantCulture, DateTimeStyles.None, out TimeOnly time) && !times.Contains(time))
            {
                times.Add(time);
            }
        }

        return times;
    }

    [GeneratedRegex(@"\b(?:not|no|unavailable|taken|booked up|full|error|errors|fail|failed|failure|false|cannot|can't|unable|invalid|conflict|not_found|denied|rejected|closed|slot_taken)\b")]
    private static partial Regex Negative();

    [GeneratedRegex(@"\b(?:[01]?\d|2[0-3]):[0-5]\d\b")]
    private static partial Regex ClockTime();
}
