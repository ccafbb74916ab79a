using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.AI;

namespace Voxgate.Realtime.Protocol;

/// <summary>GA function tools (<c>{"type":"function","name","description","parameters"}</c>) and <c>tool_choice</c>.</summary>
internal static class ToolShape
{
    private static readonly JsonObject s_noParameters = new() { ["type"] = "object", ["properties"] = new JsonObject() };

    public static JsonArray ToJson(IEnumerable<AITool>? tools)
    {
        var array = new JsonArray();
        foreach (AITool tool in tools ?? [])
        {
            var json = new JsonObject { ["type"] = "function", ["name"] = tool.Name, ["description"] = tool.Description };
            json["parameters"] = tool is AIFunctionDeclaration function && function.JsonSchema.ValueKind == JsonValueKind.Object
                ? JsonNode.Parse(function.JsonSchema.GetRawText())
                : s_noParameters.DeepClone();
            array.Add(json);
        }

        return array;
    }

    /// <summary>Reads tools an upstream reported, as declarations (the upstream, not this process, knows how to run them).</summary>
    public static List<AITool> FromJson(JsonArray tools)
    {
        var result = new List<AITool>();
        foreach (JsonNode? node in tools)
        {
            if (node is JsonObject tool && Json.String(tool, "name") is { } name)
            {
                JsonObject parameters = Json.Object(tool, "parameters") ?? (JsonObject)s_noParameters.DeepClone();
                result.Add(AIFunctionFactory.CreateDeclaration(name, Json.String(tool, "description"), JsonSerializer.SerializeToElement(parameters, RealtimeJsonContext.Default.JsonNode)));
            }
        }

        return result;
    }

    public static JsonNode ChoiceToJson(ChatToolMode? mode) => mode switch
    {
        NoneChatToolMode => "none",
        RequiredChatToolMode { RequiredFunctionName: { } name } => new JsonObject { ["type"] = "function", ["name"] = name },
        RequiredChatToolMode => "required",
        _ => "auto",
    };

    public static ChatToolMode? ChoiceFromJson(JsonNode? node) => node switch
    {
        JsonValue value when value.GetValueKind() == JsonValueKind.String => value.GetValue<string>() switch
        {
            "none" => ChatToolMode.None,
            "required" => ChatToolMode.RequireAny,
            _ => ChatToolMode.Auto,
        },
        JsonObject json when Json.String(json, "name") is { } name => ChatToolMode.RequireSpecific(name),
        _ => null,
    };
}
