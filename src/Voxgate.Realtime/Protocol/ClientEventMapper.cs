using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.AI;
using Voxgate.Realtime.Abstractions;

namespace Voxgate.Realtime.Protocol;

/// <summary>
/// Maps a GA client event (as a <see cref="JsonObject"/>) to a Microsoft.Extensions.AI <see cref="RealtimeClientMessage"/>,
/// checking every field's type on the way. Events Microsoft.Extensions.AI has no type for (clear, cancel, truncate,
/// delete, retrieve, an item placed after another) become Voxgate's own typed messages.
/// </summary>
internal static class ClientEventMapper
{
    private static readonly HashSet<string> s_sessionFields = new(StringComparer.Ordinal)
    {
        "type", "model", "instructions", "output_modalities", "audio", "tools", "tool_choice", "max_output_tokens",
        "tracing", "truncation", "prompt", "include", "id", "object", "expires_at", "reasoning", "parallel_tool_calls",
    };

    public static ClientEvent Map(JsonObject json, AudioInputFormat input)
    {
        string? eventId = null;
        try
        {
            eventId = JsonRead.OptionalString(json, "event_id", "event_id");
            string type = JsonRead.RequiredString(json, "type", "type");
            RealtimeClientMessage message = type switch
            {
                RealtimeEventNames.SessionUpdate => SessionUpdate(json),
                RealtimeEventNames.InputAudioBufferAppend => Append(json, input),
                RealtimeEventNames.InputAudioBufferCommit => new InputAudioBufferCommitRealtimeClientMessage(),
                RealtimeEventNames.InputAudioBufferClear => new InputAudioBufferClearRealtimeClientMessage(),
                RealtimeEventNames.ConversationItemCreate => ItemCreate(json, input),
                RealtimeEventNames.ConversationItemRetrieve => new ConversationItemRetrieveRealtimeClientMessage(JsonRead.RequiredString(json, "item_id", "item_id")),
                RealtimeEventNames.ConversationItemDelete => new ConversationItemDeleteRealtimeClientMessage(JsonRead.RequiredString(json, "item_id", "item_id")),
                RealtimeEventNames.ConversationItemTruncate => Truncate(json),
                RealtimeEventNames.ResponseCreate => ResponseCreate(json, input),
                RealtimeEventNames.ResponseCancel => Cancel(json),
                _ => throw new InvalidEventException(
                    "invalid_value",
                    $"Invalid value: '{Truncated(type)}'. Supported values are: {string.Join(", ", RealtimeEventNames.ClientEvents.Select(n => $"'{n}'"))}.",
                    "type"),
            };
            message.MessageId = eventId;
            return ClientEvent.Ok(message);
        }
        catch (InvalidEventException ex)
        {
            return ClientEvent.Fail(ex.Code, ex.Message, ex.Param, eventId);
        }
    }

    private static string Truncated(string text) => text.Length <= 64 ? text : text[..64] + "…";

    private static SessionUpdateRealtimeClientMessage SessionUpdate(JsonObject json)
    {
        JsonObject session = JsonRead.OptionalObject(json, "session", "session") ?? throw JsonRead.Missing("session");
        return new SessionUpdateRealtimeClientMessage(SessionOptions(session, "session"));
    }

    /// <summary>
    /// A GA session object (<c>realtime</c> or <c>transcription</c>) as options: what a <c>session.update</c> sets, and
    /// what a client secret binds.
    /// </summary>
    internal static ExtendedRealtimeSessionOptions SessionOptions(JsonObject session, string path)
    {
        foreach (KeyValuePair<string, JsonNode?> field in session)
        {
            if (!s_sessionFields.Contains(field.Key))
            {
                throw new InvalidEventException("unknown_parameter", $"Unknown parameter: '{path}.{Truncated(field.Key)}'.", path + "." + field.Key);
            }
        }

        RealtimeSessionKind sessionKind = JsonRead.RequiredString(session, "type", path + ".type") switch
        {
            "realtime" => RealtimeSessionKind.Conversation,
            "transcription" => RealtimeSessionKind.Transcription,
            string other => throw JsonRead.InvalidValue(path + ".type", $"Invalid value: '{Truncated(other)}'. Supported values are: 'realtime' and 'transcription'."),
        };
        List<AITool>? tools = JsonRead.OptionalArray(session, "tools", path + ".tools") is { } toolArray ? Tools(toolArray, path + ".tools") : null;
        ChatToolMode? toolMode = session.ContainsKey("tool_choice") ? ToolChoice(session["tool_choice"], path + ".tool_choice") : null;
        RealtimeAudioFormat? inputFormat = null;
        RealtimeAudioFormat? outputFormat = null;
        TranscriptionOptions? transcriptionOptions = null;
        string? voice = null;
        string? noiseReduction = null;
        double? speed = null;
        TurnDetectionOptions? turn = null;
        if (JsonRead.OptionalObject(session, "audio", path + ".audio") is { } audio)
        {
            if (JsonRead.OptionalObject(audio, "input", path + ".audio.input") is { } audioIn)
            {
                string at = path + ".audio.input";
                inputFormat = audioIn.ContainsKey("format") ? Format(audioIn["format"], at + ".format") : null;
                if (JsonRead.OptionalObject(audioIn, "transcription", at + ".transcription") is { } transcription)
                {
                    transcriptionOptions = new TranscriptionOptions
                    {
                        ModelId = JsonRead.OptionalString(transcription, "model", at + ".transcription.model"),
                        SpeechLanguage = JsonRead.OptionalString(transcription, "language", at + ".transcription.language"),
                        Prompt = JsonRead.OptionalString(transcription, "prompt", at + ".transcription.prompt"),
                    };
                }

                if (audioIn.TryGetPropertyValue("noise_reduction", out JsonNode? noise))
                {
                    noiseReduction = NoiseReduction(noise, at + ".noise_reduction");
                }

                if (audioIn.TryGetPropertyValue("turn_detection", out JsonNode? turnNode))
                {
                    turn = TurnDetection(turnNode, at + ".turn_detection");
                }
            }

            if (JsonRead.OptionalObject(audio, "output", path + ".audio.output") is { } audioOut)
            {
                outputFormat = audioOut.ContainsKey("format") ? Format(audioOut["format"], path + ".audio.output.format") : null;
                voice = Voice(audioOut, path + ".audio.output.voice");
                speed = JsonRead.OptionalNumber(audioOut, "speed", path + ".audio.output.speed");
                if (speed is < 0.25 or > 1.5)
                {
                    throw JsonRead.InvalidValue(path + ".audio.output.speed", $"Invalid '{path}.audio.output.speed': expected a value between 0.25 and 1.5.");
                }
            }
        }

        return new ExtendedRealtimeSessionOptions
        {
            SessionKind = sessionKind,
            Model = JsonRead.OptionalString(session, "model", path + ".model"),
            Instructions = JsonRead.OptionalString(session, "instructions", path + ".instructions"),
            OutputModalities = Modalities(session, path + ".output_modalities"),
            MaxOutputTokens = MaxOutputTokens(session, path + ".max_output_tokens"),
            Tools = tools,
            ToolMode = toolMode,
            InputAudioFormat = inputFormat,
            OutputAudioFormat = outputFormat,
            TranscriptionOptions = transcriptionOptions,
            Voice = voice,
            VoiceActivityDetection = turn,
            ReasoningEffort = Reasoning(session, path + ".reasoning"),
            ParallelToolCalls = JsonRead.OptionalBool(session, "parallel_tool_calls", path + ".parallel_tool_calls"),
            Speed = speed,
            NoiseReduction = noiseReduction,
        };
    }

    private static string? Reasoning(JsonObject session, string path)
    {
        if (JsonRead.OptionalObject(session, "reasoning", path) is not { } reasoning)
        {
            return null;
        }

        string? effort = JsonRead.OptionalString(reasoning, "effort", path + ".effort");
        return effort is null or "minimal" or "low" or "medium" or "high" or "xhigh"
            ? effort
            : throw JsonRead.InvalidValue(path + ".effort", $"Invalid value: '{Truncated(effort)}'. Supported values are: 'minimal', 'low', 'medium', 'high' and 'xhigh'.");
    }

    private static string NoiseReduction(JsonNode? node, string path)
    {
        if (node is null)
        {
            return ExtendedRealtimeSessionOptions.NoNoiseReduction;
        }

        JsonObject json = node as JsonObject ?? throw JsonRead.InvalidType(path, "an object or null");
        string type = JsonRead.RequiredString(json, "type", path + ".type");
        return type is "near_field" or "far_field"
            ? type
            : throw JsonRead.InvalidValue(path + ".type", $"Invalid value: '{Truncated(type)}'. Supported values are: 'near_field' and 'far_field'.");
    }

    private static TurnDetectionOptions TurnDetection(JsonNode? turn, string path)
    {
        if (turn is null)
        {
            return new TurnDetectionOptions { Enabled = false };
        }

        if (turn is not JsonObject json)
        {
            throw JsonRead.InvalidType(path, "an object or null");
        }

        string kind = JsonRead.OptionalString(json, "type", path + ".type") ?? "server_vad";
        if (kind is not ("server_vad" or "semantic_vad"))
        {
            throw JsonRead.InvalidValue(path + ".type", $"Invalid value: '{Truncated(kind)}'. Supported values are: 'server_vad' and 'semantic_vad'.");
        }

        double? threshold = JsonRead.OptionalNumber(json, "threshold", path + ".threshold");
        if (threshold is < 0 or > 1)
        {
            throw JsonRead.InvalidValue(path + ".threshold", $"Invalid '{path}.threshold': expected a value between 0 and 1.");
        }

        string? eagerness = JsonRead.OptionalString(json, "eagerness", path + ".eagerness");
        if (eagerness is not (null or "auto" or "low" or "medium" or "high"))
        {
            throw JsonRead.InvalidValue(path + ".eagerness", $"Invalid value: '{Truncated(eagerness)}'. Supported values are: 'low', 'medium', 'high' and 'auto'.");
        }

        return new TurnDetectionOptions
        {
            Enabled = true,
            Kind = kind == "semantic_vad" ? TurnDetectionKind.SemanticVad : TurnDetectionKind.ServerVad,
            Threshold = threshold,
            PrefixPaddingMs = Milliseconds(json, "prefix_padding_ms", path),
            SilenceDurationMs = Milliseconds(json, "silence_duration_ms", path),
            IdleTimeoutMs = Milliseconds(json, "idle_timeout_ms", path),
            Eagerness = eagerness,
            CreateResponse = JsonRead.OptionalBool(json, "create_response", path + ".create_response"),
            AllowInterruption = JsonRead.OptionalBool(json, "interrupt_response", path + ".interrupt_response") ?? true,
        };
    }

    private static int? Milliseconds(JsonObject json, string name, string path)
        => JsonRead.OptionalInteger(json, name, path + "." + name) switch
        {
            null => null,
            < 0 or > 3_600_000 => throw JsonRead.InvalidValue(path + "." + name, $"Invalid '{path}.{name}': expected milliseconds between 0 and 3600000."),
            long ms => (int)ms,
        };

    private static string? Voice(JsonObject audioOut, string path)
        => audioOut["voice"] is JsonObject ? throw JsonRead.InvalidValue(path, "Custom voices ({\"id\": …}) are not supported; name a voice.") : JsonRead.OptionalString(audioOut, "voice", path);

    private static RealtimeAudioFormat? Format(JsonNode? node, string path)
    {
        if (node is null)
        {
            return null;
        }

        if (node is not JsonObject json)
        {
            throw JsonRead.InvalidType(path, "an object such as {\"type\":\"audio/pcm\",\"rate\":24000}");
        }

        string type = JsonRead.RequiredString(json, "type", path + ".type");
        long rate = JsonRead.OptionalInteger(json, "rate", path + ".rate") ?? 24000;
        return type switch
        {
            "audio/pcm" => new RealtimeAudioFormat("audio/pcm", (int)Math.Clamp(rate, 0, int.MaxValue)),
            "audio/pcmu" => new RealtimeAudioFormat("audio/pcmu", 8000),
            "audio/pcma" => new RealtimeAudioFormat("audio/pcma", 8000),
            _ => throw JsonRead.InvalidValue(path + ".type", $"Invalid value: '{Truncated(type)}'. Supported values are: 'audio/pcm', 'audio/pcmu' and 'audio/pcma'."),
        };
    }

    private static List<string>? Modalities(JsonObject json, string path)
    {
        if (JsonRead.OptionalArray(json, "output_modalities", path) is not { } array)
        {
            return null;
        }

        var result = new List<string>();
        foreach (JsonNode? node in array)
        {
            string modality = node is JsonValue value && value.GetValueKind() == JsonValueKind.String ? value.GetValue<string>() : throw JsonRead.InvalidType(path, "an array of strings");
            if (modality is not ("audio" or "text"))
            {
                throw JsonRead.InvalidValue(path, $"Invalid value: '{Truncated(modality)}'. Supported values are: 'audio' and 'text'.");
            }

            result.Add(modality);
        }

        if (result.Distinct().Count() > 1)
        {
            throw JsonRead.InvalidValue(path, "Invalid 'output_modalities': request either ['audio'] or ['text']; audio output always comes with a transcript.");
        }

        return result;
    }

    private static int? MaxOutputTokens(JsonObject json, string path)
    {
        if (json["max_output_tokens"] is JsonValue value && value.GetValueKind() == JsonValueKind.String)
        {
            return value.GetValue<string>() == "inf" ? null : throw JsonRead.InvalidValue(path, $"Invalid '{path}': expected an integer or 'inf'.");
        }

        long? max = JsonRead.OptionalInteger(json, "max_output_tokens", path);
        return max switch
        {
            null => null,
            < 1 or > 4096 => throw JsonRead.InvalidValue(path, $"Invalid '{path}': expected an integer between 1 and 4096, or 'inf'."),
            _ => (int)max,
        };
    }

    private static List<AITool> Tools(JsonArray tools, string path)
    {
        var result = new List<AITool>();
        for (int i = 0; i < tools.Count; i++)
        {
            string at = $"{path}[{i}]";
            if (tools[i] is not JsonObject tool)
            {
                throw JsonRead.InvalidType(at, "an object");
            }

            string kind = JsonRead.OptionalString(tool, "type", at + ".type") ?? "function";
            if (kind == "mcp")
            {
                result.Add(McpTool(tool, at));
                continue;
            }

            if (kind != "function")
            {
                throw JsonRead.InvalidValue(at + ".type", $"Invalid value: '{Truncated(kind)}'. Supported values are: 'function' and 'mcp'.");
            }

            string name = JsonRead.RequiredString(tool, "name", at + ".name");
            string? description = JsonRead.OptionalString(tool, "description", at + ".description");
            JsonObject parameters = JsonRead.OptionalObject(tool, "parameters", at + ".parameters") ?? new JsonObject { ["type"] = "object", ["properties"] = new JsonObject() };
            JsonElement schema = JsonSerializer.SerializeToElement(parameters, RealtimeJsonContext.Default.JsonNode);

            // A declaration, not a function: the client runs its own tools, so function invocation passes the call out.
            result.Add(AIFunctionFactory.CreateDeclaration(name, description, schema));
        }

        return result;
    }

    /// <summary>A hosted MCP server tool: the session (not the client) would call it, so a session that cannot says so.</summary>
    private static HostedMcpServerTool McpTool(JsonObject tool, string at)
    {
        string label = JsonRead.RequiredString(tool, "server_label", at + ".server_label");
        string? url = JsonRead.OptionalString(tool, "server_url", at + ".server_url");
        string? connector = JsonRead.OptionalString(tool, "connector_id", at + ".connector_id");
        string address = url ?? connector ?? throw JsonRead.Missing(at + ".server_url");
        var mcp = new HostedMcpServerTool(label, address)
        {
            ServerDescription = JsonRead.OptionalString(tool, "server_description", at + ".server_description"),
        };
        if (JsonRead.OptionalArray(tool, "allowed_tools", at + ".allowed_tools") is { } allowed)
        {
            mcp.AllowedTools = [.. allowed.OfType<JsonValue>().Where(v => v.GetValueKind() == JsonValueKind.String).Select(v => v.GetValue<string>())];
        }

        mcp.ApprovalMode = tool["require_approval"] is JsonValue approval && approval.GetValueKind() == JsonValueKind.String
            ? approval.GetValue<string>() == "never" ? HostedMcpServerToolApprovalMode.NeverRequire : HostedMcpServerToolApprovalMode.AlwaysRequire
            : null;
        return mcp;
    }

    private static ChatToolMode ToolChoice(JsonNode? node, string path) => node switch
    {
        null => ChatToolMode.Auto,
        JsonValue value when value.GetValueKind() == JsonValueKind.String => value.GetValue<string>() switch
        {
            "auto" => ChatToolMode.Auto,
            "none" => ChatToolMode.None,
            "required" => ChatToolMode.RequireAny,
            string other => throw JsonRead.InvalidValue(path, $"Invalid value: '{Truncated(other)}'. Supported values are: 'auto', 'none' and 'required'."),
        },
        JsonObject json => ChatToolMode.RequireSpecific(JsonRead.RequiredString(json, "name", path + ".name")),
        _ => throw JsonRead.InvalidType(path, "a string or an object"),
    };

    private static InputAudioBufferAppendRealtimeClientMessage Append(JsonObject json, AudioInputFormat input)
    {
        // Reached only when the fast path was skipped (a beta translation); same checks, slower road.
        string audio = JsonRead.RequiredString(json, "audio", "audio");
        byte[] bytes = DecodeBase64(audio, "audio");
        if (input.IsPcm16 && (bytes.Length & 1) != 0)
        {
            throw JsonRead.InvalidValue("audio", $"Invalid 'audio': PCM16 audio must hold whole 2-byte samples, but {bytes.Length} bytes were sent.");
        }

        return new InputAudioBufferAppendRealtimeClientMessage(new DataContent(bytes, input.MediaType));
    }

    private static byte[] DecodeBase64(string base64, string path)
    {
        byte[] buffer = new byte[base64.Length / 4 * 3 + 3];
        return Convert.TryFromBase64String(base64, buffer, out int written)
            ? buffer.AsSpan(0, written).ToArray()
            : throw JsonRead.InvalidValue(path, $"Invalid '{path}': the value is not valid base64.");
    }

    private static CreateConversationItemRealtimeClientMessage ItemCreate(JsonObject json, AudioInputFormat input)
    {
        JsonObject item = JsonRead.OptionalObject(json, "item", "item") ?? throw JsonRead.Missing("item");
        string? previous = JsonRead.OptionalString(json, "previous_item_id", "previous_item_id");
        RealtimeConversationItem created = Item(item, "item", input);
        return previous is null ? new CreateConversationItemRealtimeClientMessage(created) : new InsertConversationItemRealtimeClientMessage(created, previous);
    }

    private static ConversationItemTruncateRealtimeClientMessage Truncate(JsonObject json)
    {
        string itemId = JsonRead.RequiredString(json, "item_id", "item_id");
        long contentIndex = JsonRead.OptionalInteger(json, "content_index", "content_index") ?? 0;
        long audioEndMs = JsonRead.OptionalInteger(json, "audio_end_ms", "audio_end_ms") ?? throw JsonRead.Missing("audio_end_ms");
        if (audioEndMs < 0 || contentIndex < 0)
        {
            string field = audioEndMs < 0 ? "audio_end_ms" : "content_index";
            throw new InvalidEventException("integer_below_min_value", $"Invalid '{field}': integer below minimum value. Expected a value >= 0, but got {(audioEndMs < 0 ? audioEndMs : contentIndex)} instead.", field);
        }

        return new ConversationItemTruncateRealtimeClientMessage(itemId, audioEndMs, (int)Math.Min(contentIndex, int.MaxValue));
    }

    private static ResponseCancelRealtimeClientMessage Cancel(JsonObject json)
        => new(JsonRead.OptionalString(json, "response_id", "response_id"));

    private static CreateResponseRealtimeClientMessage ResponseCreate(JsonObject json, AudioInputFormat input)
    {
        var message = new CreateResponseRealtimeClientMessage();
        if (JsonRead.OptionalObject(json, "response", "response") is not { } response)
        {
            return message;
        }

        message.Instructions = JsonRead.OptionalString(response, "instructions", "response.instructions");
        message.OutputModalities = Modalities(response, "response.output_modalities");
        message.MaxOutputTokens = MaxOutputTokens(response, "response.max_output_tokens");
        if (JsonRead.OptionalArray(response, "tools", "response.tools") is { } tools)
        {
            message.Tools = Tools(tools, "response.tools");
        }

        if (response.ContainsKey("tool_choice"))
        {
            message.ToolMode = ToolChoice(response["tool_choice"], "response.tool_choice");
        }

        if (JsonRead.OptionalObject(response, "audio", "response.audio") is { } audio
            && JsonRead.OptionalObject(audio, "output", "response.audio.output") is { } audioOut)
        {
            if (audioOut.ContainsKey("format"))
            {
                message.OutputAudioOptions = Format(audioOut["format"], "response.audio.output.format");
            }

            message.OutputVoice = Voice(audioOut, "response.audio.output.voice");
        }

        switch (JsonRead.OptionalString(response, "conversation", "response.conversation"))
        {
            case null or "auto":
                break;
            case "none":
                message.ExcludeFromConversation = true;
                break;
            case string other:
                throw JsonRead.InvalidValue("response.conversation", $"Invalid value: '{Truncated(other)}'. Supported values are: 'auto' and 'none'.");
        }

        if (JsonRead.OptionalArray(response, "input", "response.input") is { } items)
        {
            var list = new List<RealtimeConversationItem>();
            for (int i = 0; i < items.Count; i++)
            {
                string at = $"response.input[{i}]";
                JsonObject item = items[i] as JsonObject ?? throw JsonRead.InvalidType(at, "an object");
                if (JsonRead.OptionalString(item, "type", at + ".type") == "item_reference")
                {
                    list.Add(new ConversationItemReference(JsonRead.RequiredString(item, "id", at + ".id")));
                    continue;
                }

                list.Add(Item(item, at, input));
            }

            message.Items = list;
        }

        if (JsonRead.OptionalObject(response, "metadata", "response.metadata") is { } metadata)
        {
            var properties = new AdditionalPropertiesDictionary();
            foreach (KeyValuePair<string, JsonNode?> entry in metadata)
            {
                properties[entry.Key] = JsonRead.OptionalString(metadata, entry.Key, "response.metadata." + entry.Key);
            }

            message.AdditionalProperties = properties;
        }

        return message;
    }

    /// <summary>An <c>input_image</c> part: a data URI becomes its bytes, any other URL stays a URL.</summary>
    private static AIContent Image(JsonObject part, string at)
    {
        string url = JsonRead.RequiredString(part, "image_url", at + ".image_url");
        if (url.StartsWith("data:", StringComparison.OrdinalIgnoreCase))
        {
            try
            {
                return new DataContent(url);
            }
            catch (Exception ex) when (ex is FormatException or ArgumentException)
            {
                throw JsonRead.InvalidValue(at + ".image_url", $"Invalid '{at}.image_url': expected a base64 data URI or a URL.");
            }
        }

        return Uri.TryCreate(url, UriKind.Absolute, out Uri? uri)
            ? new UriContent(uri, "image/*")
            : throw JsonRead.InvalidValue(at + ".image_url", $"Invalid '{at}.image_url': expected a base64 data URI or a URL.");
    }

    /// <summary>Reads a GA conversation item.</summary>
    internal static RealtimeConversationItem Item(JsonObject item, string path, AudioInputFormat input)
    {
        string? id = JsonRead.OptionalString(item, "id", path + ".id");
        string type = JsonRead.RequiredString(item, "type", path + ".type");
        switch (type)
        {
            case "function_call":
            {
                string callId = JsonRead.RequiredString(item, "call_id", path + ".call_id");
                string name = JsonRead.RequiredString(item, "name", path + ".name");
                string arguments = JsonRead.OptionalString(item, "arguments", path + ".arguments") ?? "{}";
                IDictionary<string, object?>? parsed;
                try
                {
                    parsed = string.IsNullOrWhiteSpace(arguments) ? null : JsonSerializer.Deserialize(arguments, RealtimeJsonContext.Default.IDictionaryStringObject);
                }
                catch (JsonException)
                {
                    throw JsonRead.InvalidValue(path + ".arguments", $"Invalid '{path}.arguments': expected a JSON object in a string.");
                }

                return new RealtimeConversationItem([new FunctionCallContent(callId, name, parsed)], id, ChatRole.Assistant);
            }

            case "function_call_output":
            {
                string callId = JsonRead.RequiredString(item, "call_id", path + ".call_id");
                string output = JsonRead.RequiredString(item, "output", path + ".output");
                return new RealtimeConversationItem([new FunctionResultContent(callId, output)], id, ChatRole.Tool);
            }

            case "message":
                return Message(item, id, path, input);
            default:
                throw JsonRead.InvalidValue(path + ".type", $"Invalid value: '{Truncated(type)}'. Supported values are: 'message', 'function_call' and 'function_call_output'.");
        }
    }

    private static RealtimeConversationItem Message(JsonObject item, string? id, string path, AudioInputFormat input)
    {
        string role = JsonRead.RequiredString(item, "role", path + ".role");
        ChatRole chatRole = role switch
        {
            "user" => ChatRole.User,
            "assistant" => ChatRole.Assistant,
            "system" => ChatRole.System,
            _ => throw JsonRead.InvalidValue(path + ".role", $"Invalid value: '{Truncated(role)}'. Supported values are: 'user', 'assistant' and 'system'."),
        };
        JsonArray content = JsonRead.OptionalArray(item, "content", path + ".content") ?? throw JsonRead.Missing(path + ".content");
        var contents = new List<AIContent>();
        for (int i = 0; i < content.Count; i++)
        {
            string at = $"{path}.content[{i}]";
            JsonObject part = content[i] as JsonObject ?? throw JsonRead.InvalidType(at, "an object");
            string partType = JsonRead.RequiredString(part, "type", at + ".type");
            switch (partType)
            {
                case "input_text" or "output_text" or "text":
                    contents.Add(new TextContent(JsonRead.RequiredString(part, "text", at + ".text")));
                    break;
                case "input_audio":
                    // History re-created by a client (the Agents SDK's updateHistory) carries the transcript without the audio.
                    string? audio = JsonRead.OptionalString(part, "audio", at + ".audio");
                    string? transcript = JsonRead.OptionalString(part, "transcript", at + ".transcript");
                    contents.Add(audio is not null ? new DataContent(DecodeBase64(audio, at + ".audio"), input.MediaType)
                        : transcript is not null ? new AudioTranscriptContent(transcript)
                        : throw JsonRead.Missing(at + ".audio"));
                    break;
                case "input_image":
                    contents.Add(Image(part, at));
                    break;
                case "output_audio" or "audio":
                    contents.Add(new TextContent(JsonRead.OptionalString(part, "transcript", at + ".transcript") ?? string.Empty));
                    break;
                default:
                    throw JsonRead.InvalidValue(at + ".type", $"Invalid value: '{Truncated(partType)}'. Supported values are: 'input_text', 'input_audio', 'input_image', 'output_text' and 'output_audio'.");
            }
        }

        return new RealtimeConversationItem(contents, id, chatRole);
    }
}
