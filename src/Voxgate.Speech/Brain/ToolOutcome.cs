using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Extensions.AI;

namespace Voxgate.Speech.Brain;

/// <summary>
/// What a tool's result means for the dialogue: did it work, the appointment id it gave, and an alternative
/// time it offered. Results come from whatever host runs the tools, so a JSON object, a bare boolean and a
/// sentence are all read.
/// </summary>
internal sealed partial record ToolOutcome(bool Success, string? Id, TimeOnly? Alternative)
{
    private static readonly string[] SuccessProperties = ["available", "success", "ok", "booked", "cancelled", "canceled", "confirmed"];
    private static readonly string[] IdProperties = ["appointment_id", "appointmentId", "id", "booking_id", "bookingId"];
    private static readonly string[] AlternativeProperties = ["alternatives", "available_times", "availableTimes", "suggestions", "suggested_times", "next_available"];

    public static ToolOutcome Read(FunctionResultContent result)
    {
        if (result.Exception is not null)
        {
            return new ToolOutcome(false, null, null);
        }

        return result.Result switch
        {
            null => new ToolOutcome(true, null, null),
            bool success => new ToolOutcome(success, null, null),
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
        return new ToolOutcome(!failed, null, failed ? FirstTime(trimmed) : null);
    }

    private static ToolOutcome ReadJson(JsonElement json)
    {
        switch (json.ValueKind)
        {
            case JsonValueKind.True:
                return new ToolOutcome(true, null, null);
            case JsonValueKind.False:
                return new ToolOutcome(false, null, null);
            case JsonValueKind.String:
                return ReadText(json.GetString() ?? "");
            case JsonValueKind.Object:
                break;
            default:
                return new ToolOutcome(true, null, null);
        }

        bool success = !json.TryGetProperty("error", out JsonElement error) || error.ValueKind is JsonValueKind.Null or JsonValueKind.False;
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

        string? id = null;
        foreach (string name in IdProperties)
        {
            if (json.TryGetProperty(name, out JsonElement value) && value.ValueKind is JsonValueKind.String or JsonValueKind.Number)
            {
                id = value.ToString();
                break;
            }
        }

        TimeOnly? alternative = null;
        foreach (string name in AlternativeProperties)
        {
            if (!success && json.TryGetProperty(name, out JsonElement value))
            {
                alternative = FirstTime(value.ToString());
                break;
            }
        }

        return new ToolOutcome(success, id, alternative);
    }

    private static TimeOnly? FirstTime(string text)
    {
        Match match = ClockTime().Match(text);
        return match.Success
            && TimeOnly.TryParseExact(match.Value.PadLeft(5, '0'), "HH:mm", CultureInfo.InvariantCulture, DateTimeStyles.None, out TimeOnly time)
            ? time
            : null;
    }

    [GeneratedRegex(@"\b(?:not|no|unavailable|taken|booked up|full|error|errors|fail|failed|failure|false|cannot|can't|unable|invalid|conflict|not_found|denied|rejected|closed)\b")]
    private static partial Regex Negative();

    [GeneratedRegex(@"\b(?:[01]?\d|2[0-3]):[0-5]\d\b")]
    private static partial Regex ClockTime();
}
