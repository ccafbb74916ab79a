using System.Text.Json;
using System.Text.Json.Nodes;

namespace Voxgate.Realtime.Protocol;

/// <summary>Type-checked reads of client event fields; a wrong type becomes OpenAI's <c>invalid_type</c> error.</summary>
internal static class JsonRead
{
    public static string? OptionalString(JsonObject json, string name, string path)
        => json.TryGetPropertyValue(name, out JsonNode? node) ? node switch
        {
            null => null,
            JsonValue value when value.GetValueKind() == JsonValueKind.String => value.GetValue<string>(),
            _ => throw InvalidType(path, "a string"),
        }
        : null;

    public static string RequiredString(JsonObject json, string name, string path)
        => OptionalString(json, name, path) ?? throw Missing(path);

    public static long? OptionalInteger(JsonObject json, string name, string path)
    {
        if (!json.TryGetPropertyValue(name, out JsonNode? node) || node is null)
        {
            return null;
        }

        if (node is JsonValue value && value.GetValueKind() == JsonValueKind.Number)
        {
            if (value.TryGetValue(out long l))
            {
                return l;
            }

            if (value.TryGetValue(out JsonElement e) && e.TryGetInt64(out l))
            {
                return l;
            }

            if (value.TryGetValue(out int i))
            {
                return i;
            }

            double d = value.GetValue<double>();
            if (d == Math.Floor(d) && Math.Abs(d) < 1e15)
            {
                return (long)d;
            }
        }

        throw InvalidType(path, "an integer");
    }

    public static double? OptionalNumber(JsonObject json, string name, string path)
        => json.TryGetPropertyValue(name, out JsonNode? node) && node is not null
            ? node is JsonValue value && value.GetValueKind() == JsonValueKind.Number ? value.GetValue<double>() : throw InvalidType(path, "a number")
            : null;

    public static bool? OptionalBool(JsonObject json, string name, string path)
        => json.TryGetPropertyValue(name, out JsonNode? node) && node is not null
            ? node.GetValueKind() switch
            {
                JsonValueKind.True => true,
                JsonValueKind.False => false,
                _ => throw InvalidType(path, "a boolean"),
            }
            : null;

    public static JsonObject? OptionalObject(JsonObject json, string name, string path)
        => json.TryGetPropertyValue(name, out JsonNode? node) ? node switch
        {
            null => null,
            JsonObject obj => obj,
            _ => throw InvalidType(path, "an object"),
        }
        : null;

    public static JsonArray? OptionalArray(JsonObject json, string name, string path)
        => json.TryGetPropertyValue(name, out JsonNode? node) ? node switch
        {
            null => null,
            JsonArray array => array,
            _ => throw InvalidType(path, "an array"),
        }
        : null;

    public static InvalidEventException InvalidType(string path, string expected)
        => new("invalid_type", $"Invalid type for '{path}': expected {expected}.", path);

    public static InvalidEventException Missing(string path)
        => new("missing_required_parameter", $"Missing required parameter: '{path}'.", path);

    public static InvalidEventException InvalidValue(string path, string message)
        => new("invalid_value", message, path);
}
