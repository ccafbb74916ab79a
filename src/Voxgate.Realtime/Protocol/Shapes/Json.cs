using System.Text.Json;
using System.Text.Json.Nodes;

namespace Voxgate.Realtime.Protocol;

/// <summary>Lenient reads of fields an upstream sent: a missing or mistyped field is null, never an exception.</summary>
internal static class Json
{
    public static string? String(JsonObject json, string name)
        => json[name] is JsonValue value && value.GetValueKind() == JsonValueKind.String ? value.GetValue<string>() : null;

    public static long? Integer(JsonObject json, string name)
    {
        if (json[name] is not JsonValue value || value.GetValueKind() != JsonValueKind.Number)
        {
            return null;
        }

        if (value.TryGetValue(out long l) || (value.TryGetValue(out JsonElement e) && e.TryGetInt64(out l)))
        {
            return l;
        }

        if (value.TryGetValue(out int i))
        {
            return i;
        }

        double d = value.GetValue<double>();
        return Math.Abs(d) < 9e15 ? (long)d : null;
    }

    public static double? Number(JsonObject json, string name)
        => json[name] is JsonValue value && value.GetValueKind() == JsonValueKind.Number ? value.GetValue<double>() : null;

    public static bool? Bool(JsonObject json, string name) => json[name]?.GetValueKind() switch
    {
        JsonValueKind.True => true,
        JsonValueKind.False => false,
        _ => null,
    };

    public static JsonObject? Object(JsonObject json, string name) => json[name] as JsonObject;

    public static JsonArray? Array(JsonObject json, string name) => json[name] as JsonArray;
}
