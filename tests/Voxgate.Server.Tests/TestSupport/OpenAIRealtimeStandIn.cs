using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Voxgate.Testing;

namespace Voxgate.Server.Tests.TestSupport;

/// <summary>
/// A stand-in for OpenAI's GA Realtime service on loopback, written from the API reference — event names, field names
/// and the §2.3 turn order as OpenAI documents them — and never from Voxgate's own codec, so it catches a field Voxgate
/// gets wrong. It records every client event, refuses what OpenAI refuses (unknown parameters, a transcription without a
/// model, a truncate past the audio), and plays scripted turns back in GA shapes.
/// </summary>
internal sealed class OpenAIRealtimeStandIn : IAsyncDisposable
{
    private static readonly HashSet<string> SessionFields = ["type", "model", "instructions", "output_modalities", "audio", "tools", "tool_choice", "max_output_tokens", "tracing", "truncation", "prompt", "include"];
    private static readonly HashSet<string> AudioFields = ["input", "output"];
    private static readonly HashSet<string> AudioInputFields = ["format", "transcription", "noise_reduction", "turn_detection"];
    private static readonly HashSet<string> AudioOutputFields = ["format", "voice", "speed"];
    private static readonly HashSet<string> TranscriptionFields = ["model", "language", "prompt"];
    private static readonly HashSet<string> ServerVadFields = ["type", "threshold", "prefix_padding_ms", "silence_duration_ms", "create_response", "interrupt_response", "idle_timeout_ms"];
    private static readonly HashSet<string> SemanticVadFields = ["type", "eagerness", "create_response", "interrupt_response"];
    private static readonly HashSet<string> ClientEvents =
    [
        "session.update", "input_audio_buffer.append", "input_audio_buffer.commit", "input_audio_buffer.clear", "conversation.item.create",
        "conversation.item.retrieve", "conversation.item.truncate", "conversation.item.delete", "response.create", "response.cancel",
    ];

    private readonly WebApplication _app;
    private readonly EventLog<Connection> _connections = new();

    private OpenAIRealtimeStandIn(WebApplication app) => _app = app;

    /// <summary>http://127.0.0.1:port — OpenAI's base URL is this plus <c>/v1</c>.</summary>
    public Uri Address => new(_app.Urls.First());

    /// <summary>When set, every <c>session.update</c> is refused with this error code (e.g. <c>invalid_api_key</c>).</summary>
    public string? RefuseSessionsWith { get; set; }

    /// <summary>How long the stand-in takes to answer a <c>session.update</c> (a slow service).</summary>
    public TimeSpan SessionUpdateDelay { get; set; }

    public IReadOnlyList<Connection> Connections => _connections.Items;

    public static async Task<OpenAIRealtimeStandIn> StartAsync()
    {
        WebApplicationBuilder builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = [] });
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        WebApplication app = builder.Build();
        var standIn = new OpenAIRealtimeStandIn(app);
        app.UseWebSockets();
        app.Map("/v1/realtime", standIn.AcceptAsync);
        app.Map("/openai/v1/realtime", standIn.AcceptAsync);
        await app.StartAsync();
        return standIn;
    }

    public Task<Connection> WaitForConnectionAsync(int index = 0)
        => _connections.WaitForAsync(_ => true, index, TimeSpan.FromSeconds(30), () => $"{_connections.Count} connections");

    private async Task AcceptAsync(HttpContext context)
    {
        if (!context.WebSockets.IsWebSocketRequest)
        {
            context.Response.StatusCode = 400;
            return;
        }

        using WebSocket socket = await context.WebSockets.AcceptWebSocketAsync();
        var connection = new Connection(this, socket, context.Request.Path, context.Request.QueryString.Value ?? string.Empty,
            context.Request.Headers.Authorization.ToString(), context.Request.Headers["api-key"].ToString());
        _connections.Add(connection);
        await connection.RunAsync(context.RequestAborted);
    }


    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        foreach (Connection connection in Connections)
        {
            connection.Dispose();
        }
    }

    /// <summary>One session with the stand-in.</summary>
    internal sealed class Connection : IDisposable
    {
        private readonly OpenAIRealtimeStandIn _owner;
        private readonly WebSocket _socket;
        private readonly SemaphoreSlim _sendLock = new(1, 1);
        private readonly EventLog<JsonObject> _received = new();
        private readonly EventLog<JsonObject> _sent = new();
        private readonly Dictionary<string, long> _assistantAudioMs = [];
        private int _counter;
        private string? _activeResponse;
        private string? _openItem;
        private string? _openText;
        private long _appendedBytes;

        public Connection(OpenAIRealtimeStandIn owner, WebSocket socket, string path, string query, string authorization, string apiKey)
        {
            _owner = owner;
            _socket = socket;
            Path = path;
            Query = query;
            Authorization = authorization;
            ApiKey = apiKey;
            Session = new JsonObject
            {
                ["type"] = "realtime",
                ["object"] = "realtime.session",
                ["id"] = "sess_standin",
                ["model"] = "gpt-realtime",
                ["output_modalities"] = new JsonArray("audio"),
                ["instructions"] = "",
                ["tools"] = new JsonArray(),
                ["tool_choice"] = "auto",
                ["max_output_tokens"] = "inf",
                ["expires_at"] = DateTimeOffset.UtcNow.AddHours(1).ToUnixTimeSeconds(),
                ["audio"] = new JsonObject
                {
                    ["input"] = new JsonObject
                    {
                        ["format"] = new JsonObject { ["type"] = "audio/pcm", ["rate"] = 24000 },
                        ["transcription"] = null,
                        ["noise_reduction"] = null,
                        ["turn_detection"] = new JsonObject { ["type"] = "server_vad", ["threshold"] = 0.5, ["prefix_padding_ms"] = 300, ["silence_duration_ms"] = 200, ["create_response"] = true, ["interrupt_response"] = true },
                    },
                    ["output"] = new JsonObject { ["format"] = new JsonObject { ["type"] = "audio/pcm", ["rate"] = 24000 }, ["voice"] = "alloy", ["speed"] = 1.0 },
                },
            };
        }

        public string Path { get; }

        public string Query { get; }

        public string Authorization { get; }

        public string ApiKey { get; }

        /// <summary>The session as configured now (merged updates).</summary>
        public JsonObject Session { get; }

        public IReadOnlyList<JsonObject> Received => _received.Items;

        public IReadOnlyList<JsonObject> Sent => _sent.Items;

        /// <summary>Audio appended so far, decoded from base64.</summary>
        public long AppendedBytes => Interlocked.Read(ref _appendedBytes);

        public Task<JsonObject> WaitForAsync(string type, int from = 0, TimeSpan? timeout = null)
            => _received.WaitForAsync(e => (string?)e["type"] == type, from, timeout ?? TimeSpan.FromSeconds(30), () => string.Join(", ", Received.Select(e => (string?)e["type"])));

        public async Task RunAsync(CancellationToken aborted)
        {
            await SendAsync("session.created", new JsonObject { ["session"] = Session.DeepClone() });
            var buffer = new byte[1 << 20];
            try
            {
                while (true)
                {
                    int count = 0;
                    WebSocketReceiveResult result;
                    do
                    {
                        result = await _socket.ReceiveAsync(new ArraySegment<byte>(buffer, count, buffer.Length - count), aborted);
                        count += result.Count;
                    }
                    while (!result.EndOfMessage);

                    if (result.MessageType == WebSocketMessageType.Close)
                    {
                        await _socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, "bye", CancellationToken.None);
                        return;
                    }

                    var json = (JsonObject)JsonNode.Parse(buffer.AsSpan(0, count))!;
                    _received.Add(json);
                    await HandleAsync(json);
                }
            }
            catch (Exception ex) when (ex is WebSocketException or OperationCanceledException)
            {
            }
            finally
            {
                _received.Wake();
            }
        }

        private async Task HandleAsync(JsonObject json)
        {
            string? eventId = (string?)json["event_id"];
            string type = (string?)json["type"] ?? string.Empty;
            if (!ClientEvents.Contains(type))
            {
                await ErrorAsync("invalid_value", $"Invalid value: '{type}'.", "type", eventId);
                return;
            }

            switch (type)
            {
                case "session.update":
                    await SessionUpdateAsync(json, eventId);
                    break;
                case "input_audio_buffer.append":
                    Interlocked.Add(ref _appendedBytes, Convert.FromBase64String((string)json["audio"]!).Length);
                    break;
                case "conversation.item.truncate":
                    await TruncateAsync(json, eventId);
                    break;
                case "response.cancel":
                    if (_activeResponse is null)
                    {
                        await ErrorAsync("response_cancel_not_active", "Cancellation failed: no active response found.", null, eventId);
                    }
                    else
                    {
                        await FinishResponseAsync("cancelled", "client_cancelled");
                    }

                    break;
                case "conversation.item.create":
                    JsonObject item = (JsonObject)json["item"]!.DeepClone();
                    item["id"] ??= NewId("item");
                    item["object"] = "realtime.item";
                    item["status"] = "completed";
                    await SendAsync("conversation.item.added", new JsonObject { ["previous_item_id"] = null, ["item"] = item.DeepClone() });
                    await SendAsync("conversation.item.done", new JsonObject { ["previous_item_id"] = null, ["item"] = item });
                    break;
            }
        }

        private async Task SessionUpdateAsync(JsonObject json, string? eventId)
        {
            if (json["session"] is not JsonObject session)
            {
                await ErrorAsync("missing_required_parameter", "Missing required parameter: 'session'.", "session", eventId);
                return;
            }

            if (Problem(session) is { } problem)
            {
                await ErrorAsync(problem.Code, problem.Message, problem.Param, eventId);
                return;
            }

            if (_owner.SessionUpdateDelay > TimeSpan.Zero)
            {
                await Task.Delay(_owner.SessionUpdateDelay);
            }

            if (_owner.RefuseSessionsWith is { } refusal)
            {
                await ErrorAsync(refusal, "Incorrect API key provided.", null, eventId);
                return;
            }

            Merge(Session, session);
            await SendAsync("session.updated", new JsonObject { ["session"] = Session.DeepClone() });
        }

        /// <summary>What OpenAI would refuse in a GA session update, or null.</summary>
        private static (string Code, string Message, string Param)? Problem(JsonObject session)
        {
            if (session["type"] is null)
            {
                return ("missing_required_parameter", "Missing required parameter: 'session.type'.", "session.type");
            }

            if (Unknown(session, SessionFields, "session") is { } unknown)
            {
                return unknown;
            }

            if (session["audio"] is JsonObject audio)
            {
                if (Unknown(audio, AudioFields, "session.audio") is { } badAudio)
                {
                    return badAudio;
                }

                if (audio["input"] is JsonObject input)
                {
                    if (Unknown(input, AudioInputFields, "session.audio.input") is { } badInput)
                    {
                        return badInput;
                    }

                    if (input["format"] is JsonObject format && FormatProblem(format, "session.audio.input.format") is { } badFormat)
                    {
                        return badFormat;
                    }

                    if (input["transcription"] is JsonObject transcription)
                    {
                        if (Unknown(transcription, TranscriptionFields, "session.audio.input.transcription") is { } badTranscription)
                        {
                            return badTranscription;
                        }

                        if (transcription["model"] is null)
                        {
                            return ("missing_required_parameter", "Missing required parameter: 'session.audio.input.transcription.model'.", "session.audio.input.transcription.model");
                        }
                    }

                    if (input["turn_detection"] is JsonObject turn)
                    {
                        bool semantic = (string?)turn["type"] == "semantic_vad";
                        if ((string?)turn["type"] is not ("server_vad" or "semantic_vad"))
                        {
                            return ("invalid_value", "Invalid value for 'session.audio.input.turn_detection.type'.", "session.audio.input.turn_detection.type");
                        }

                        if (Unknown(turn, semantic ? SemanticVadFields : ServerVadFields, "session.audio.input.turn_detection") is { } badTurn)
                        {
                            return badTurn;
                        }
                    }
                }

                if (audio["output"] is JsonObject output)
                {
                    if (Unknown(output, AudioOutputFields, "session.audio.output") is { } badOutput)
                    {
                        return badOutput;
                    }

                    if (output["format"] is JsonObject format && FormatProblem(format, "session.audio.output.format") is { } badFormat)
                    {
                        return badFormat;
                    }
                }
            }

            return null;
        }

        private static (string, string, string)? FormatProblem(JsonObject format, string path) => (string?)format["type"] switch
        {
            "audio/pcm" when (int?)format["rate"] != 24000 => ("invalid_value", $"Invalid '{path}.rate': only 24000 is supported.", path + ".rate"),
            "audio/pcm" or "audio/pcmu" or "audio/pcma" => null,
            _ => ("invalid_value", $"Invalid value for '{path}.type'.", path + ".type"),
        };

        private static (string, string, string)? Unknown(JsonObject json, HashSet<string> known, string path)
        {
            foreach (KeyValuePair<string, JsonNode?> field in json)
            {
                if (!known.Contains(field.Key))
                {
                    return ("unknown_parameter", $"Unknown parameter: '{path}.{field.Key}'.", $"{path}.{field.Key}");
                }
            }

            return null;
        }

        private static void Merge(JsonObject into, JsonObject update)
        {
            foreach (KeyValuePair<string, JsonNode?> field in update)
            {
                if (field.Value is JsonObject child && into[field.Key] is JsonObject existing)
                {
                    Merge(existing, child);
                }
                else
                {
                    into[field.Key] = field.Value?.DeepClone();
                }
            }
        }

        private async Task TruncateAsync(JsonObject json, string? eventId)
        {
            string? itemId = (string?)json["item_id"];
            if (itemId is null || !_assistantAudioMs.TryGetValue(itemId, out long audioMs))
            {
                await ErrorAsync("invalid_value", $"Item with item_id '{itemId}' not found.", "item_id", eventId);
                return;
            }

            if (json["content_index"] is not JsonValue index || index.GetValueKind() != JsonValueKind.Number || json["audio_end_ms"] is not JsonValue end || end.GetValueKind() != JsonValueKind.Number)
            {
                await ErrorAsync("invalid_type", "Invalid type for 'audio_end_ms' or 'content_index': expected an integer.", "audio_end_ms", eventId);
                return;
            }

            long endMs = (long)end;
            if (endMs < 0)
            {
                await ErrorAsync("integer_below_min_value", "Invalid 'audio_end_ms': integer below minimum value.", "audio_end_ms", eventId);
                return;
            }

            if (endMs > audioMs)
            {
                await ErrorAsync("invalid_value", $"Audio content of {audioMs}ms is already shorter than {endMs}ms", "audio_end_ms", eventId);
                return;
            }

            await SendAsync("conversation.item.truncated", new JsonObject { ["item_id"] = itemId, ["content_index"] = 0, ["audio_end_ms"] = endMs });
        }

        /// <summary>The caller's turn as server VAD reports it, ending with the transcript of what they said.</summary>
        public async Task<string> PlayUserTurnAsync(string transcript)
        {
            string userItem = NewId("item");
            await SpeechStartedAsync(userItem);
            await SendAsync("input_audio_buffer.speech_stopped", new JsonObject { ["audio_end_ms"] = 1800, ["item_id"] = userItem });
            await SendAsync("input_audio_buffer.committed", new JsonObject { ["previous_item_id"] = null, ["item_id"] = userItem });
            var item = new JsonObject
            {
                ["id"] = userItem,
                ["object"] = "realtime.item",
                ["type"] = "message",
                ["status"] = "completed",
                ["role"] = "user",
                ["content"] = new JsonArray(new JsonObject { ["type"] = "input_audio", ["transcript"] = null }),
            };
            await SendAsync("conversation.item.added", new JsonObject { ["previous_item_id"] = null, ["item"] = item.DeepClone() });
            await SendAsync("conversation.item.done", new JsonObject { ["previous_item_id"] = null, ["item"] = item });
            await SendAsync("conversation.item.input_audio_transcription.delta", new JsonObject { ["item_id"] = userItem, ["content_index"] = 0, ["delta"] = transcript });
            await SendAsync("conversation.item.input_audio_transcription.completed", new JsonObject
            {
                ["item_id"] = userItem,
                ["content_index"] = 0,
                ["transcript"] = transcript,
                ["usage"] = new JsonObject { ["type"] = "tokens", ["total_tokens"] = 12, ["input_tokens"] = 8, ["output_tokens"] = 4 },
            });
            return userItem;
        }

        public Task SpeechStartedAsync(string? itemId = null)
            => SendAsync("input_audio_buffer.speech_started", new JsonObject { ["audio_start_ms"] = 1000, ["item_id"] = itemId ?? NewId("item") });

        /// <summary>
        /// A spoken reply in the §2.3 order: response and item opened, transcript, audio in 4800-byte deltas (100 ms of
        /// PCM16, 600 ms of G.711); with
        /// <paramref name="finish"/> the reply is closed too, else it stays in progress (for a barge-in).
        /// </summary>
        public async Task<(string ResponseId, string ItemId)> PlayReplyAsync(string text, byte[] pcm, bool finish = true)
        {
            string responseId = NewId("resp");
            string itemId = NewId("item");
            _activeResponse = responseId;

            // GA's output format decides the bytes per millisecond: G.711 is 8, PCM16 at 24 kHz is 48.
            bool g711 = (string?)Session["audio"]!["output"]!["format"]!["type"] is "audio/pcmu" or "audio/pcma";
            _assistantAudioMs[itemId] = pcm.Length / (g711 ? 8 : 48);
            _openItem = itemId;
            _openText = text;
            await SendAsync("response.created", new JsonObject { ["response"] = Response(responseId, "in_progress", null, []) });
            var item = new JsonObject { ["id"] = itemId, ["object"] = "realtime.item", ["type"] = "message", ["status"] = "in_progress", ["role"] = "assistant", ["content"] = new JsonArray() };
            await SendAsync("response.output_item.added", new JsonObject { ["response_id"] = responseId, ["output_index"] = 0, ["item"] = item.DeepClone() });
            await SendAsync("conversation.item.added", new JsonObject { ["previous_item_id"] = null, ["item"] = item });
            await SendAsync("response.content_part.added", new JsonObject { ["response_id"] = responseId, ["item_id"] = itemId, ["output_index"] = 0, ["content_index"] = 0, ["part"] = new JsonObject { ["type"] = "audio", ["transcript"] = "" } });
            await SendAsync("response.output_audio_transcript.delta", new JsonObject { ["response_id"] = responseId, ["item_id"] = itemId, ["output_index"] = 0, ["content_index"] = 0, ["delta"] = text, ["obfuscation"] = "x" });
            for (int offset = 0; offset < pcm.Length; offset += 4800)
            {
                await SendAsync("response.output_audio.delta", new JsonObject
                {
                    ["response_id"] = responseId,
                    ["item_id"] = itemId,
                    ["output_index"] = 0,
                    ["content_index"] = 0,
                    ["delta"] = Convert.ToBase64String(pcm.AsSpan(offset, Math.Min(4800, pcm.Length - offset))),
                });
            }

            if (finish)
            {
                await FinishResponseAsync("completed", null);
            }

            return (responseId, itemId);
        }

        /// <summary>A response that only calls a tool, in the GA order of §4: the item opened, its arguments, the item done, response.done.</summary>
        public async Task<string> PlayToolCallAsync(string name, string arguments)
        {
            string responseId = NewId("resp");
            string itemId = NewId("item");
            string callId = NewId("call");
            var item = new JsonObject { ["id"] = itemId, ["object"] = "realtime.item", ["type"] = "function_call", ["status"] = "in_progress", ["call_id"] = callId, ["name"] = name, ["arguments"] = "" };
            await SendAsync("response.created", new JsonObject { ["response"] = Response(responseId, "in_progress", null, []) });
            await SendAsync("response.output_item.added", new JsonObject { ["response_id"] = responseId, ["output_index"] = 0, ["item"] = item.DeepClone() });
            await SendAsync("conversation.item.added", new JsonObject { ["previous_item_id"] = null, ["item"] = item.DeepClone() });
            await SendAsync("response.function_call_arguments.delta", new JsonObject { ["response_id"] = responseId, ["item_id"] = itemId, ["output_index"] = 0, ["call_id"] = callId, ["delta"] = arguments });
            await SendAsync("response.function_call_arguments.done", new JsonObject { ["response_id"] = responseId, ["item_id"] = itemId, ["output_index"] = 0, ["call_id"] = callId, ["name"] = name, ["arguments"] = arguments });
            item["status"] = "completed";
            item["arguments"] = arguments;
            await SendAsync("response.output_item.done", new JsonObject { ["response_id"] = responseId, ["output_index"] = 0, ["item"] = item.DeepClone() });
            await SendAsync("conversation.item.done", new JsonObject { ["previous_item_id"] = null, ["item"] = item.DeepClone() });
            await SendAsync("response.done", new JsonObject { ["response"] = Response(responseId, "completed", null, [item]) });
            return callId;
        }

        /// <summary>More audio for the open reply's item, as a reply still streaming when the client cut it off sends.</summary>
        public Task PlayMoreAudioAsync(byte[] audio)
            => SendAsync("response.output_audio.delta", new JsonObject
            {
                ["response_id"] = _activeResponse ?? "resp_late",
                ["item_id"] = _openItem,
                ["output_index"] = 0,
                ["content_index"] = 0,
                ["delta"] = Convert.ToBase64String(audio),
            });

        /// <summary>Closes the open reply as OpenAI does: audio and transcript done, part and item done, then response.done.</summary>
        public async Task FinishResponseAsync(string status, string? reason)
        {
            string responseId = _activeResponse!;
            string itemId = _openItem!;
            _activeResponse = null;
            string itemStatus = status == "completed" ? "completed" : "incomplete";
            var done = new JsonObject
            {
                ["id"] = itemId,
                ["object"] = "realtime.item",
                ["type"] = "message",
                ["status"] = itemStatus,
                ["role"] = "assistant",
                ["content"] = new JsonArray(new JsonObject { ["type"] = "output_audio", ["transcript"] = _openText }),
            };
            await SendAsync("response.output_audio.done", new JsonObject { ["response_id"] = responseId, ["item_id"] = itemId, ["output_index"] = 0, ["content_index"] = 0 });
            await SendAsync("response.output_audio_transcript.done", new JsonObject { ["response_id"] = responseId, ["item_id"] = itemId, ["output_index"] = 0, ["content_index"] = 0, ["transcript"] = _openText });
            await SendAsync("response.content_part.done", new JsonObject { ["response_id"] = responseId, ["item_id"] = itemId, ["output_index"] = 0, ["content_index"] = 0, ["part"] = new JsonObject { ["type"] = "audio", ["transcript"] = _openText } });
            await SendAsync("response.output_item.done", new JsonObject { ["response_id"] = responseId, ["output_index"] = 0, ["item"] = done.DeepClone() });
            await SendAsync("conversation.item.done", new JsonObject { ["previous_item_id"] = null, ["item"] = done.DeepClone() });
            JsonObject? details = status == "completed" ? null : new JsonObject { ["type"] = status, ["reason"] = reason };
            await SendAsync("response.done", new JsonObject { ["response"] = Response(responseId, status, details, [done]) });
            await SendAsync("rate_limits.updated", new JsonObject { ["rate_limits"] = new JsonArray(new JsonObject { ["name"] = "tokens", ["limit"] = 40000, ["remaining"] = 39000, ["reset_seconds"] = 1.5 }) });
        }

        private JsonObject Response(string id, string status, JsonObject? details, JsonObject[] output) => new()
        {
            ["object"] = "realtime.response",
            ["id"] = id,
            ["status"] = status,
            ["status_details"] = details,
            ["output"] = new JsonArray([.. output.Select(o => (JsonNode?)o.DeepClone())]),
            ["conversation_id"] = "conv_standin",
            ["output_modalities"] = new JsonArray("audio"),
            ["audio"] = new JsonObject { ["output"] = new JsonObject { ["format"] = new JsonObject { ["type"] = "audio/pcm", ["rate"] = 24000 }, ["voice"] = Session["audio"]!["output"]!["voice"]!.DeepClone() } },
            ["usage"] = status == "in_progress" ? null : new JsonObject
            {
                ["total_tokens"] = 120,
                ["input_tokens"] = 80,
                ["output_tokens"] = 40,
                ["input_token_details"] = new JsonObject { ["text_tokens"] = 60, ["audio_tokens"] = 20, ["image_tokens"] = 0, ["cached_tokens"] = 0 },
                ["output_token_details"] = new JsonObject { ["text_tokens"] = 10, ["audio_tokens"] = 30 },
            },
            ["metadata"] = null,
        };

        private Task ErrorAsync(string code, string message, string? param, string? eventId)
            => SendAsync("error", new JsonObject
            {
                ["error"] = new JsonObject { ["type"] = "invalid_request_error", ["code"] = code, ["message"] = message, ["param"] = param, ["event_id"] = eventId },
            });

        /// <summary>Sends a text frame as it is (malformed or hostile input).</summary>
        public async Task SendRawAsync(string text)
        {
            byte[] bytes = Encoding.UTF8.GetBytes(text);
            await _sendLock.WaitAsync();
            try
            {
                await _socket.SendAsync(bytes, WebSocketMessageType.Text, true, CancellationToken.None);
            }
            finally
            {
                _sendLock.Release();
            }
        }

        /// <summary>Ends the session from the service's side, as OpenAI does when it closes a session.</summary>
        public async Task CloseAsync()
        {
            await _sendLock.WaitAsync();
            try
            {
                await _socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, "session closed by the service", CancellationToken.None);
            }
            finally
            {
                _sendLock.Release();
            }
        }

        public async Task SendAsync(string type, JsonObject fields)
        {
            var json = new JsonObject { ["type"] = type, ["event_id"] = NewId("event") };
            foreach (KeyValuePair<string, JsonNode?> field in fields.ToList())
            {
                fields.Remove(field.Key);
                json[field.Key] = field.Value;
            }

            _sent.Add(json);
            byte[] bytes = Encoding.UTF8.GetBytes(json.ToJsonString());
            await _sendLock.WaitAsync();
            try
            {
                if (_socket.State == WebSocketState.Open)
                {
                    await _socket.SendAsync(bytes, WebSocketMessageType.Text, true, CancellationToken.None);
                }
            }
            finally
            {
                _sendLock.Release();
            }
        }

        public void Dispose() => _sendLock.Dispose();

        private string NewId(string prefix) => $"{prefix}_standin{Interlocked.Increment(ref _counter):D4}";
    }
}
