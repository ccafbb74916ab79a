using System.Text.Json;

namespace Voxgate.Calls;

/// <summary>JSON text as an element, whatever it holds.</summary>
internal static class Json
{
    /// <summary>Parses <paramref name="json"/>; text that is not JSON (a tool that answered in prose) becomes a JSON string.</summary>
    public static JsonElement Element(string? json)
    {
        if (string.IsNullOrWhiteSpace(json))
        {
            return JsonSerializer.SerializeToElement(new Dictionary<string, string>(), CallsJsonContext.Default.DictionaryStringString);
        }

        try
        {
            using var document = JsonDocument.Parse(json);
            return document.RootElement.Clone();
        }
        catch (JsonException)
        {
            return JsonSerializer.SerializeToElement(json, CallsJsonContext.Default.String);
        }
    }
}
