using System.Text.Json;
using System.Text.Json.Nodes;

namespace Voxgate.Speech.Engine;

/// <summary>Tolerant reads of raw client event fields, whether parsed from the wire or built in code.</summary>
internal static class JsonFields
{
    public static string? String(JsonObject json, string name)
        => json[name] is JsonValue value && value.GetValueKind() == JsonValueKind.String ? value.ToString() : null;

    public static bool TryInteger(JsonObject json, string name, out long result)
    {
        result = 0;
        if (json[name] is not JsonValue value || value.GetValueKind() != JsonValueKind.Number)
        {
            return false;
        }

        if (value.TryGetValue(out long l) || value.TryGetValue(out JsonElement e) && e.TryGetInt64(out l))
        {
            result = l;
            return true;
        }

        if (value.TryGetValue(out int i))
        {
            result = i;
            return true;
        }

        double d = value.GetValue<double>();
        result = (long)d;
        return d == Math.Floor(d) && Math.Abs(d) < 1e15;
    }
}
