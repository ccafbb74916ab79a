using System.Text.Json.Nodes;
using Microsoft.Extensions.AI;

namespace Voxgate.Realtime.Protocol;

/// <summary>GA response <c>usage</c>: totals with input and output details by modality.</summary>
internal static class UsageShape
{
    public static JsonObject? ToJson(UsageDetails? usage)
    {
        if (usage is null)
        {
            return null;
        }

        long input = usage.InputTokenCount ?? 0;
        long output = usage.OutputTokenCount ?? 0;
        long inputAudio = usage.InputAudioTokenCount ?? 0;
        long outputAudio = usage.OutputAudioTokenCount ?? 0;
        return new JsonObject
        {
            ["total_tokens"] = usage.TotalTokenCount ?? input + output,
            ["input_tokens"] = input,
            ["output_tokens"] = output,
            ["input_token_details"] = new JsonObject
            {
                ["text_tokens"] = usage.InputTextTokenCount ?? Math.Max(0, input - inputAudio),
                ["audio_tokens"] = inputAudio,
                ["image_tokens"] = 0,
                ["cached_tokens"] = usage.CachedInputTokenCount ?? 0,
            },
            ["output_token_details"] = new JsonObject
            {
                ["text_tokens"] = usage.OutputTextTokenCount ?? Math.Max(0, output - outputAudio),
                ["audio_tokens"] = outputAudio,
            },
        };
    }

    public static UsageDetails? FromJson(JsonNode? node)
    {
        if (node is not JsonObject json)
        {
            return null;
        }

        JsonObject? inputDetails = Json.Object(json, "input_token_details");
        JsonObject? outputDetails = Json.Object(json, "output_token_details");
        return new UsageDetails
        {
            InputTokenCount = Json.Integer(json, "input_tokens"),
            OutputTokenCount = Json.Integer(json, "output_tokens"),
            TotalTokenCount = Json.Integer(json, "total_tokens"),
            InputTextTokenCount = inputDetails is null ? null : Json.Integer(inputDetails, "text_tokens"),
            InputAudioTokenCount = inputDetails is null ? null : Json.Integer(inputDetails, "audio_tokens"),
            CachedInputTokenCount = inputDetails is null ? null : Json.Integer(inputDetails, "cached_tokens"),
            OutputTextTokenCount = outputDetails is null ? null : Json.Integer(outputDetails, "text_tokens"),
            OutputAudioTokenCount = outputDetails is null ? null : Json.Integer(outputDetails, "audio_tokens"),
        };
    }
}
