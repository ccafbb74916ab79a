using System.Text.Json.Nodes;
using Microsoft.Extensions.AI;
using Voxgate.Realtime.Abstractions;

namespace Voxgate.Realtime.Protocol;

/// <summary>The GA <c>session</c> object: as a server reports it in full, and as a client updates it in part.</summary>
internal static class SessionShape
{
    /// <summary>The whole session object of <c>session.created</c>/<c>session.updated</c>: a realtime or a transcription session.</summary>
    public static JsonObject ToServerJson(string id, RealtimeSessionOptions options, DateTimeOffset? expiresAt)
    {
        VoiceActivityDetectionOptions vad = options.VoiceActivityDetection ?? new TurnDetectionOptions();
        var extended = options as ExtendedRealtimeSessionOptions;
        var input = new JsonObject
        {
            ["format"] = AudioFormatShape.ToJson(options.InputAudioFormat ?? RealtimeAudioFormats.Pcm24k),
            ["transcription"] = TranscriptionToJson(options.TranscriptionOptions),
            ["noise_reduction"] = NoiseReductionToJson(extended?.NoiseReduction),
            ["turn_detection"] = TurnDetectionShape.ToJson(vad),
        };
        if (options.SessionKind == RealtimeSessionKind.Transcription)
        {
            return new JsonObject
            {
                ["type"] = "transcription",
                ["object"] = "realtime.transcription_session",
                ["id"] = id,
                ["expires_at"] = expiresAt?.ToUnixTimeSeconds(),
                ["audio"] = new JsonObject { ["input"] = input },
                ["include"] = new JsonArray(),
            };
        }

        bool audio = options.OutputModalities is not { Count: > 0 } modalities || modalities.Contains("audio", StringComparer.OrdinalIgnoreCase);
        var session = new JsonObject
        {
            ["type"] = "realtime",
            ["object"] = "realtime.session",
            ["id"] = id,
            ["model"] = options.Model,
            ["output_modalities"] = new JsonArray(audio ? "audio" : "text"),
            ["instructions"] = options.Instructions ?? string.Empty,
            ["tools"] = ToolShape.ToJson(options.Tools),
            ["tool_choice"] = ToolShape.ChoiceToJson(options.ToolMode),
            ["max_output_tokens"] = options.MaxOutputTokens is int max ? max : "inf",
            ["tracing"] = null,
            ["truncation"] = "auto",
            ["prompt"] = null,
            ["expires_at"] = expiresAt?.ToUnixTimeSeconds(),
            ["audio"] = new JsonObject
            {
                ["input"] = input,
                ["output"] = new JsonObject
                {
                    ["format"] = AudioFormatShape.ToJson(options.OutputAudioFormat ?? RealtimeAudioFormats.Pcm24k),
                    ["voice"] = options.Voice,
                    ["speed"] = extended?.Speed ?? 1.0,
                },
            },
            ["include"] = new JsonArray(),
        };

        // Reported only when set: they belong to the reasoning models, and a session that names them has them in force.
        if (extended?.ReasoningEffort is { } effort)
        {
            session["reasoning"] = new JsonObject { ["effort"] = effort };
        }

        if (extended?.ParallelToolCalls is bool parallel)
        {
            session["parallel_tool_calls"] = parallel;
        }

        return session;
    }

    /// <summary>The session object of a client's <c>session.update</c>: <c>type</c> and only what the options set.</summary>
    public static JsonObject ToUpdateJson(RealtimeSessionOptions options)
    {
        var extended = options as ExtendedRealtimeSessionOptions;
        var session = new JsonObject { ["type"] = options.SessionKind == RealtimeSessionKind.Transcription ? "transcription" : "realtime" };
        Set(session, "instructions", options.Instructions);
        if (options.OutputModalities is { Count: > 0 } modalities)
        {
            session["output_modalities"] = new JsonArray([.. modalities.Select(m => (JsonNode?)JsonValue.Create(m))]);
        }

        if (options.Tools is not null)
        {
            session["tools"] = ToolShape.ToJson(options.Tools);
        }

        if (options.ToolMode is not null)
        {
            session["tool_choice"] = ToolShape.ChoiceToJson(options.ToolMode);
        }

        if (options.MaxOutputTokens is int max)
        {
            session["max_output_tokens"] = max;
        }

        if (extended?.ReasoningEffort is { } effort)
        {
            session["reasoning"] = new JsonObject { ["effort"] = effort };
        }

        if (extended?.ParallelToolCalls is bool parallel)
        {
            session["parallel_tool_calls"] = parallel;
        }

        var input = new JsonObject();
        Set(input, "format", AudioFormatShape.ToJson(options.InputAudioFormat));
        Set(input, "transcription", TranscriptionToJson(options.TranscriptionOptions));
        if (extended?.NoiseReduction is { } noise)
        {
            input["noise_reduction"] = NoiseReductionToJson(noise);
        }

        if (options.VoiceActivityDetection is { } vad)
        {
            input["turn_detection"] = TurnDetectionShape.ToJson(vad);
        }

        var output = new JsonObject();
        Set(output, "format", AudioFormatShape.ToJson(options.OutputAudioFormat));
        Set(output, "voice", options.Voice);
        Set(output, "speed", extended?.Speed);
        if (input.Count > 0 || output.Count > 0)
        {
            var audio = new JsonObject();
            if (input.Count > 0)
            {
                audio["input"] = input;
            }

            if (output.Count > 0)
            {
                audio["output"] = output;
            }

            session["audio"] = audio;
        }

        return session;
    }

    /// <summary>Reads the session object an upstream reported.</summary>
    public static (string Id, RealtimeSessionOptions Options, DateTimeOffset? ExpiresAt) FromJson(JsonObject session)
    {
        JsonObject? input = Json.Object(session, "audio") is { } audio ? Json.Object(audio, "input") : null;
        JsonObject? output = Json.Object(session, "audio") is { } audio2 ? Json.Object(audio2, "output") : null;
        JsonNode? maxTokens = session["max_output_tokens"];
        var options = new ExtendedRealtimeSessionOptions
        {
            SessionKind = Json.String(session, "type") == "transcription" ? RealtimeSessionKind.Transcription : RealtimeSessionKind.Conversation,
            Model = Json.String(session, "model"),
            Instructions = Json.String(session, "instructions"),
            OutputModalities = Json.Array(session, "output_modalities") is { } modalities ? [.. modalities.OfType<JsonValue>().Select(v => v.ToString())] : null,
            Tools = Json.Array(session, "tools") is { } tools ? ToolShape.FromJson(tools) : null,
            ToolMode = ToolShape.ChoiceFromJson(session["tool_choice"]),
            MaxOutputTokens = maxTokens is JsonValue value && value.GetValueKind() == System.Text.Json.JsonValueKind.Number ? (int)Json.Integer(session, "max_output_tokens")! : null,
            InputAudioFormat = input is null ? null : AudioFormatShape.FromJson(input["format"]),
            OutputAudioFormat = output is null ? null : AudioFormatShape.FromJson(output["format"]),
            TranscriptionOptions = input is not null && Json.Object(input, "transcription") is { } transcription
                ? new TranscriptionOptions { ModelId = Json.String(transcription, "model"), SpeechLanguage = Json.String(transcription, "language"), Prompt = Json.String(transcription, "prompt") }
                : null,
            VoiceActivityDetection = input is not null && input.ContainsKey("turn_detection") ? TurnDetectionShape.FromJson(input["turn_detection"]) : null,
            Voice = output is null ? null : Json.String(output, "voice"),
            Speed = output is null ? null : Json.Number(output, "speed"),
            NoiseReduction = input is not null && Json.Object(input, "noise_reduction") is { } noise ? Json.String(noise, "type") : null,
            ReasoningEffort = Json.Object(session, "reasoning") is { } reasoning ? Json.String(reasoning, "effort") : null,
            ParallelToolCalls = Json.Bool(session, "parallel_tool_calls"),
        };
        long? expires = Json.Integer(session, "expires_at");
        return (Json.String(session, "id") ?? string.Empty, options, expires is long seconds and > 0 ? DateTimeOffset.FromUnixTimeSeconds(seconds) : null);
    }

    private static JsonObject? NoiseReductionToJson(string? noise)
        => noise is null or ExtendedRealtimeSessionOptions.NoNoiseReduction ? null : new JsonObject { ["type"] = noise };

    private static JsonObject? TranscriptionToJson(TranscriptionOptions? transcription)
    {
        if (transcription is null)
        {
            return null;
        }

        var json = new JsonObject();
        Set(json, "model", transcription.ModelId);
        Set(json, "language", transcription.SpeechLanguage);
        Set(json, "prompt", transcription.Prompt);
        return json;
    }

    private static void Set(JsonObject json, string name, JsonNode? value)
    {
        if (value is not null)
        {
            json[name] = value;
        }
    }
}
