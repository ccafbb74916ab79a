using System.Text.Json;
using System.Text.Json.Nodes;
using Voxgate.Realtime.Protocol;

namespace Voxgate.Realtime.Dialects;

/// <summary>
/// The beta protocol (<c>OpenAI-Beta: realtime=v1</c>): flat session fields (<c>input_audio_format: "pcm16"</c>, <c>voice</c>,
/// <c>turn_detection</c>…), <c>response.audio.delta</c>, <c>response.audio_transcript.*</c>, <c>conversation.item.created</c>.
/// </summary>
internal sealed class BetaDialect : RealtimeDialect
{
    private static readonly Dictionary<string, string> s_serverNames = new(StringComparer.Ordinal)
    {
        [RealtimeEventNames.OutputAudioDelta] = "response.audio.delta",
        [RealtimeEventNames.OutputAudioDone] = "response.audio.done",
        [RealtimeEventNames.OutputAudioTranscriptDelta] = "response.audio_transcript.delta",
        [RealtimeEventNames.OutputAudioTranscriptDone] = "response.audio_transcript.done",
        [RealtimeEventNames.OutputTextDelta] = "response.text.delta",
        [RealtimeEventNames.OutputTextDone] = "response.text.done",
        [RealtimeEventNames.ConversationItemAdded] = "conversation.item.created",
    };

    private static readonly HashSet<string> s_betaModels = new(StringComparer.Ordinal)
    {
        "gpt-4o-realtime-preview", "gpt-4o-realtime-preview-2024-10-01", "gpt-4o-realtime-preview-2024-12-17",
        "gpt-4o-realtime-preview-2025-06-03", "gpt-4o-mini-realtime-preview", "gpt-4o-mini-realtime-preview-2024-12-17",
    };

    public override string Name => "beta";

    public override string AudioDeltaName => "response.audio.delta";

    public override JsonObject ToGaClientEvent(JsonObject clientEvent)
    {
        ArgumentNullException.ThrowIfNull(clientEvent);
        switch ((clientEvent["type"] as JsonValue)?.GetValueKind() == JsonValueKind.String ? (string?)clientEvent["type"] : null)
        {
            case RealtimeEventNames.SessionUpdate when clientEvent["session"] is JsonObject session:
                clientEvent["session"] = SessionToGa(session);
                break;
            case RealtimeEventNames.ResponseCreate when clientEvent["response"] is JsonObject response:
                clientEvent["response"] = ResponseOptionsToGa(response);
                break;
        }

        return clientEvent;
    }

    public override void FromGaServerEvent(WireEvent ga, List<WireEvent> output)
    {
        ArgumentNullException.ThrowIfNull(output);
        JsonObject? fields = ga.Fields;
        switch (ga.Type)
        {
            case RealtimeEventNames.ConversationItemDone:
                // Beta announced an item once, when it was created.
                return;
            case RealtimeEventNames.SessionCreated or RealtimeEventNames.SessionUpdated when fields is not null && fields["session"] is JsonObject session:
                output.Add(ga with { Fields = new JsonObject { ["session"] = SessionToBeta(session) } });
                if (ga.Type == RealtimeEventNames.SessionCreated)
                {
                    output.Add(new WireEvent("conversation.created", new JsonObject
                    {
                        ["conversation"] = new JsonObject { ["id"] = EventIds.New("conv_"), ["object"] = "realtime.conversation" },
                    }));
                }

                return;
            case RealtimeEventNames.ResponseCreated or RealtimeEventNames.ResponseDone when fields is not null && fields["response"] is JsonObject response:
                output.Add(ga with { Fields = new JsonObject { ["response"] = ResponseToBeta(response) } });
                return;
            case "response.function_call_arguments.done" when fields is not null:
                var call = (JsonObject)fields.DeepClone();
                call.Remove("name");
                output.Add(ga with { Fields = call });
                return;
        }

        string name = s_serverNames.GetValueOrDefault(ga.Type, ga.Type);
        if (fields?["item"] is JsonObject item)
        {
            var copy = (JsonObject)fields.DeepClone();
            copy["item"] = ItemToBeta((JsonObject)item.DeepClone());
            fields = copy;
        }

        output.Add(ga with { Type = name, Fields = fields });
    }

    private static JsonObject SessionToGa(JsonObject beta)
    {
        var ga = new JsonObject { ["type"] = "realtime" };
        var input = new JsonObject();
        var output = new JsonObject();
        foreach ((string key, JsonNode? value) in beta.ToList())
        {
            beta.Remove(key);
            switch (key)
            {
                case "modalities":
                    ga["output_modalities"] = Modalities(value);
                    break;
                case "input_audio_format":
                    input["format"] = FormatToGa(value);
                    break;
                case "output_audio_format":
                    output["format"] = FormatToGa(value);
                    break;
                case "input_audio_transcription":
                    input["transcription"] = value;
                    break;
                case "input_audio_noise_reduction":
                    input["noise_reduction"] = value;
                    break;
                case "turn_detection":
                    input["turn_detection"] = value;
                    break;
                case "voice":
                    output["voice"] = value;
                    break;
                case "speed":
                    output["speed"] = value;
                    break;
                case "max_response_output_tokens":
                    ga["max_output_tokens"] = value;
                    break;
                case "temperature" or "type":
                    // Gone in GA; the type is always realtime.
                    break;
                default:
                    ga[key] = value;
                    break;
            }
        }

        if (input.Count > 0 || output.Count > 0)
        {
            ga["audio"] = new JsonObject { ["input"] = input, ["output"] = output };
        }

        return ga;
    }

    private static JsonObject ResponseOptionsToGa(JsonObject beta)
    {
        var ga = new JsonObject();
        var output = new JsonObject();
        foreach ((string key, JsonNode? value) in beta.ToList())
        {
            beta.Remove(key);
            switch (key)
            {
                case "modalities":
                    ga["output_modalities"] = Modalities(value);
                    break;
                case "voice":
                    output["voice"] = value;
                    break;
                case "output_audio_format":
                    output["format"] = FormatToGa(value);
                    break;
                case "max_response_output_tokens":
                    ga["max_output_tokens"] = value;
                    break;
                case "temperature":
                    break;
                default:
                    ga[key] = value;
                    break;
            }
        }

        if (output.Count > 0)
        {
            ga["audio"] = new JsonObject { ["output"] = output };
        }

        return ga;
    }

    /// <summary>Beta's ["text","audio"] means spoken output; GA asks for exactly one.</summary>
    private static JsonNode? Modalities(JsonNode? beta)
        => beta is JsonArray array && array.Any(m => m is JsonValue v && v.GetValueKind() == JsonValueKind.String && (string?)v == "audio")
            ? new JsonArray("audio")
            : beta is JsonArray ? new JsonArray("text") : beta;

    private static JsonNode? FormatToGa(JsonNode? beta)
        => beta is JsonValue value && value.GetValueKind() == JsonValueKind.String
            ? (string?)value switch
            {
                "pcm16" => new JsonObject { ["type"] = "audio/pcm", ["rate"] = 24000 },
                "g711_ulaw" => new JsonObject { ["type"] = "audio/pcmu" },
                "g711_alaw" => new JsonObject { ["type"] = "audio/pcma" },
                string other => new JsonObject { ["type"] = other },
                null => null,
            }
            : beta;

    private static string? FormatToBeta(JsonNode? ga) => (string?)(ga?["type"] as JsonValue) switch
    {
        "audio/pcmu" => "g711_ulaw",
        "audio/pcma" => "g711_alaw",
        null => null,
        _ => "pcm16",
    };

    private static JsonObject SessionToBeta(JsonObject ga)
    {
        JsonNode? audioIn = ga["audio"]?["input"];
        JsonNode? audioOut = ga["audio"]?["output"];
        bool audio = ga["output_modalities"] is JsonArray modalities && modalities.Any(m => (string?)m == "audio");
        return new JsonObject
        {
            ["id"] = ga["id"]?.DeepClone(),
            ["object"] = "realtime.session",
            ["model"] = BetaModel(ga["model"]),
            ["expires_at"] = ga["expires_at"]?.DeepClone(),
            ["modalities"] = audio ? new JsonArray("text", "audio") : new JsonArray("text"),
            ["instructions"] = ga["instructions"]?.DeepClone(),
            ["voice"] = audioOut?["voice"]?.DeepClone(),
            ["input_audio_format"] = FormatToBeta(audioIn?["format"]),
            ["output_audio_format"] = FormatToBeta(audioOut?["format"]),
            ["input_audio_transcription"] = audioIn?["transcription"]?.DeepClone(),
            ["input_audio_noise_reduction"] = audioIn?["noise_reduction"]?.DeepClone(),
            ["turn_detection"] = audioIn?["turn_detection"]?.DeepClone(),
            ["tools"] = ga["tools"]?.DeepClone() ?? new JsonArray(),
            ["tool_choice"] = ga["tool_choice"]?.DeepClone() ?? "auto",
            ["temperature"] = 0.8,
            ["max_response_output_tokens"] = ga["max_output_tokens"]?.DeepClone() ?? "inf",
            ["speed"] = audioOut?["speed"]?.DeepClone(),
        };
    }

    /// <summary>
    /// Beta clients type <c>session.model</c> as a closed list (openai-python's is a Literal): a model outside it is
    /// reported as null rather than break their parsing.
    /// </summary>
    private static JsonNode? BetaModel(JsonNode? model)
        => model is JsonValue value && value.GetValueKind() == JsonValueKind.String && s_betaModels.Contains(value.GetValue<string>())
            ? value.GetValue<string>()
            : null;

    private static JsonObject ResponseToBeta(JsonObject ga)
    {
        var beta = (JsonObject)ga.DeepClone();
        bool audio = beta["output_modalities"] is JsonArray modalities && modalities.Any(m => (string?)m == "audio");
        beta.Remove("output_modalities");
        beta["modalities"] = audio ? new JsonArray("text", "audio") : new JsonArray("text");
        if (beta["audio"]?["output"] is JsonObject audioOut)
        {
            beta["voice"] = audioOut["voice"]?.DeepClone();
            beta["output_audio_format"] = FormatToBeta(audioOut["format"]);
        }

        beta.Remove("audio");
        beta["temperature"] = 0.8;
        beta["max_output_tokens"] = beta["max_output_tokens"]?.DeepClone() ?? "inf";
        if (beta["output"] is JsonArray output)
        {
            foreach (JsonNode? item in output)
            {
                if (item is JsonObject obj)
                {
                    ItemToBeta(obj);
                }
            }
        }

        if (beta["usage"]?["input_token_details"] is JsonObject details)
        {
            details.Remove("image_tokens");
        }

        return beta;
    }

    /// <summary>Assistant content was <c>text</c>/<c>audio</c> in beta; GA says <c>output_text</c>/<c>output_audio</c>.</summary>
    private static JsonObject ItemToBeta(JsonObject item)
    {
        if (item["content"] is JsonArray content)
        {
            foreach (JsonNode? part in content)
            {
                if (part is JsonObject obj && (string?)(obj["type"] as JsonValue) is "output_audio" or "output_text")
                {
                    obj["type"] = (string?)obj["type"] == "output_audio" ? "audio" : "text";
                }
            }
        }

        return item;
    }
}
