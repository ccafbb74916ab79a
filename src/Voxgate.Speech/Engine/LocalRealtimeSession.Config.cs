using System.Text.Json.Nodes;
using Microsoft.Extensions.AI;
using Voxgate.Speech.Synthesis;

namespace Voxgate.Speech.Engine;

/// <content>The session's configuration: applying options, and describing them back.</content>
public sealed partial class LocalRealtimeSession
{
    private TurnDetectionSettings _turn;
    private string _voice;
    private string? _instructions;
    private string? _model;
    private IReadOnlyList<AITool>? _tools;
    private ChatToolMode? _toolMode;
    private int? _maxOutputTokens;
    private SessionAudioFormat _outputFormat = SessionAudioFormat.Default;
    private bool _audioOut = true;

    /// <summary>Validates and applies options; null fields keep their current value. Returns the problem, if any.</summary>
    private string? ApplyOptions(RealtimeSessionOptions options)
    {
        if (!SessionAudioFormat.TryParse(options.InputAudioFormat, out SessionAudioFormat input, out string? error)
            || !SessionAudioFormat.TryParse(options.OutputAudioFormat, out SessionAudioFormat output, out error))
        {
            return error;
        }

        string voice = _voice;
        if (!string.IsNullOrEmpty(options.Voice))
        {
            try
            {
                voice = FliteTextToSpeechClient.ResolveVoice(options.Voice);
            }
            catch (ArgumentException ex)
            {
                return ex.Message;
            }
        }

        TurnDetectionSettings turn = _turn;
        try
        {
            turn = options.RawRepresentationFactory?.Invoke() switch
            {
                TurnDetectionSettings settings => settings,
                JsonObject json when json.ContainsKey("turn_detection") => _turn.With(json["turn_detection"]),
                JsonObject json => _turn.With(json),
                _ => turn,
            };
        }
        catch (Exception ex) when (ex is InvalidOperationException or FormatException)
        {
            return "turn_detection has a field of the wrong type: " + ex.Message;
        }

        if (options.VoiceActivityDetection is { } vad)
        {
            turn = turn with { Enabled = vad.Enabled, InterruptResponse = vad.AllowInterruption };
        }

        if (turn.Validate() is { } invalid)
        {
            return invalid;
        }

        if (options.InputAudioFormat is not null && input != _input.Format)
        {
            _input.Format = input;
        }

        if (options.OutputAudioFormat is not null)
        {
            _outputFormat = output;
        }

        if (turn.Enabled != _turn.Enabled)
        {
            _turns.Reset();
        }

        _turn = turn;
        _turns.Settings = turn;
        _input.History.Limit = HistoryLimit(turn);
        _voice = voice;
        _instructions = options.Instructions ?? _instructions;
        _model = options.Model ?? _model;
        _tools = options.Tools ?? _tools;
        _toolMode = options.ToolMode ?? _toolMode;
        _maxOutputTokens = options.MaxOutputTokens ?? _maxOutputTokens;
        if (options.OutputModalities is { Count: > 0 } modalities)
        {
            _audioOut = modalities.Contains("audio", StringComparer.OrdinalIgnoreCase);
        }

        Options = CurrentOptions();
        return null;
    }

    /// <summary>Server VAD only reaches back for prefix padding; manual turns keep the whole uncommitted buffer.</summary>
    private int HistoryLimit(TurnDetectionSettings turn) => turn.Enabled
        ? (turn.PrefixPaddingMs + 2000) * InputAudioPipeline.EngineRate / 1000
        : _limits.MaxBufferedAudioSeconds * InputAudioPipeline.EngineRate;

    private RealtimeSessionOptions CurrentOptions()
    {
        TurnDetectionSettings turn = _turn;
        return new RealtimeSessionOptions
        {
            SessionKind = RealtimeSessionKind.Conversation,
            Model = _model ?? LocalRealtimeClient.ModelId,
            InputAudioFormat = _input.Format.ToRealtimeAudioFormat(),
            OutputAudioFormat = _outputFormat.ToRealtimeAudioFormat(),
            Voice = _voice,
            Instructions = _instructions,
            MaxOutputTokens = _maxOutputTokens,
            OutputModalities = [_audioOut ? "audio" : "text"],
            Tools = _tools,
            ToolMode = _toolMode,
            VoiceActivityDetection = new VoiceActivityDetectionOptions { Enabled = turn.Enabled, AllowInterruption = turn.InterruptResponse },
            RawRepresentationFactory = () => turn,
        };
    }

    /// <summary>The session as OpenAI's GA <c>session</c> object.</summary>
    private JsonObject SessionJson()
    {
        var tools = new JsonArray();
        foreach (AITool tool in _tools ?? [])
        {
            var json = new JsonObject { ["type"] = "function", ["name"] = tool.Name, ["description"] = tool.Description };
            if (tool is AIFunctionDeclaration function)
            {
                json["parameters"] = JsonNode.Parse(function.JsonSchema.GetRawText());
            }

            tools.Add(json);
        }

        return new JsonObject
        {
            ["type"] = "realtime",
            ["object"] = "realtime.session",
            ["id"] = Id,
            ["model"] = _model ?? LocalRealtimeClient.ModelId,
            ["output_modalities"] = new JsonArray(_audioOut ? "audio" : "text"),
            ["instructions"] = _instructions ?? string.Empty,
            ["tools"] = tools,
            ["tool_choice"] = ToolChoice(_toolMode),
            ["max_output_tokens"] = _maxOutputTokens is int max ? max : "inf",
            ["expires_at"] = _expiresAt,
            ["audio"] = new JsonObject
            {
                ["input"] = new JsonObject
                {
                    ["format"] = FormatJson(_input.Format),
                    ["transcription"] = new JsonObject { ["model"] = "pocketsphinx-en-us" },
                    ["noise_reduction"] = null,
                    ["turn_detection"] = _turn.ToJson(),
                },
                ["output"] = new JsonObject
                {
                    ["format"] = FormatJson(_outputFormat),
                    ["voice"] = _voice,
                    ["speed"] = 1.0,
                },
            },
        };
    }

    private static JsonObject FormatJson(SessionAudioFormat format) => format.Encoding == AudioEncoding.Pcm16
        ? new JsonObject { ["type"] = "audio/pcm", ["rate"] = format.SampleRate }
        : new JsonObject { ["type"] = format.MediaType };

    private static JsonNode? ToolChoice(ChatToolMode? mode) => mode switch
    {
        NoneChatToolMode => "none",
        RequiredChatToolMode { RequiredFunctionName: { } name } => new JsonObject { ["type"] = "function", ["name"] = name },
        RequiredChatToolMode => "required",
        _ => "auto",
    };
}
