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
            if (tool is HostedMcpServerTool mcp)
            {
                array.Add(McpToJson(mcp));
                continue;
            }

            var json = new JsonObject { ["type"] = "function", ["name"] = tool.Name, ["description"] = tool.Description };
            json["parameters"] = tool is AIFunctionDeclaration function && function.JsonSchema.ValueKind == JsonValueKind.Object
                ? JsonNode.Parse(function.JsonSchema.GetRawText())
                : s_noParameters.DeepClone();
            array.Add(json);
        }

        return array;
    }

    private static JsonObject McpToJson(HostedMcpServerTool mcp)
    {
        bool url = Uri.TryCreate(mcp.ServerAddress, UriKind.Absolute, out _);
        var json = new JsonObject { ["type"] = "mcp", ["server_label"] = mcp.ServerName, [url ? "server_url" : "connector_id"] = mcp.ServerAddress };
        if (mcp.ServerDescription is { } description)
        {
            json["server_description"] = description;
        }

        if (mcp.AllowedTools is { } allowed)
        {
            json["allowed_tools"] = new JsonArray([.. allowed.Select(n => (JsonNode?)JsonValue.Create(n))]);
        }

        if (mcp.ApprovalMode is { } approval)
        {
            json["require_approval"] = approval is HostedMcpServerToolNeverRequireApprovalMode ? "never" : "always";
        }

        return json;
    }

    /// <summary>Reads tools an upstream reported, as declarations (the upstream, not this process, knows how to run them).</summary>
    public static List<AITool> FromJson(JsonArray tools)
    {
        var result = new List<AITool>();
        foreach (JsonNode? node in tools)
        {
            if (node is JsonObject mcp && Json.String(mcp, "type") == "mcp" && Json.String(mcp, "server_label") is { } label)
            {
                result.Add(new HostedMcpServerTool(label, Json.String(mcp, "server_url") ?? Json.String(mcp, "connector_id") ?? string.Empty));
            }
            else if (node is JsonObject tool && Json.String(tool, "name") is { } name)
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
