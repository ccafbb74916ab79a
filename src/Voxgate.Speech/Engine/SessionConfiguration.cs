using Microsoft.Extensions.AI;
using Voxgate.Realtime.Abstractions;
using Voxgate.Speech.Synthesis;

namespace Voxgate.Speech.Engine;

/// <summary>
/// A session's configuration: the options a client asked for, validated and merged, and the configuration really in
/// force (the voice flite speaks with, not the alias asked for) as the session reports it.
/// </summary>
internal sealed class SessionConfiguration
{
    /// <summary>The recogniser that transcribes input, as sessions report it.</summary>
    public const string TranscriptionModel = "pocketsphinx-en-us";

    private readonly string _sessionId;
    private readonly DateTimeOffset _expiresAt;

    public SessionConfiguration(string sessionId, string voice, DateTimeOffset expiresAt)
    {
        _sessionId = sessionId;
        _expiresAt = expiresAt;
        Voice = voice;
        Options = Effective();
    }

    public TurnDetectionSettings Turn { get; private set; } = TurnDetectionSettings.Default;

    /// <summary>The flite voice replies are spoken with.</summary>
    public string Voice { get; private set; }

    public string? Instructions { get; private set; }

    /// <summary>The model asked for, handed to the brain; null when none was.</summary>
    public string? Model { get; private set; }

    public IReadOnlyList<AITool>? Tools { get; private set; }

    public ChatToolMode? ToolMode { get; private set; }

    public int? MaxOutputTokens { get; private set; }

    public SessionAudioFormat InputFormat { get; private set; } = SessionAudioFormat.Default;

    public SessionAudioFormat OutputFormat { get; private set; } = SessionAudioFormat.Default;

    /// <summary>True when replies are spoken; false for text only.</summary>
    public bool AudioOut { get; private set; } = true;

    /// <summary>The configuration in force, every field filled in.</summary>
    public RealtimeSessionOptions Options { get; private set; }

    /// <summary>Validates and applies <paramref name="options"/>; null fields keep their value. Returns the problem, if any.</summary>
    /// <remarks>Nothing changes unless everything is valid, so a refused update leaves the session as it was.</remarks>
    public string? Apply(RealtimeSessionOptions options)
    {
        if (!SessionAudioFormat.TryParse(options.InputAudioFormat, out SessionAudioFormat input, out string? error)
            || !SessionAudioFormat.TryParse(options.OutputAudioFormat, out SessionAudioFormat output, out error))
        {
            return error;
        }

        string voice = Voice;
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

        TurnDetectionSettings turn = options.VoiceActivityDetection is { } vad ? Turn.With(vad) : Turn;
        if (turn.Validate() is { } invalid)
        {
            return invalid;
        }

        InputFormat = options.InputAudioFormat is null ? InputFormat : input;
        OutputFormat = options.OutputAudioFormat is null ? OutputFormat : output;
        Turn = turn;
        Voice = voice;
        Instructions = options.Instructions ?? Instructions;
        Model = options.Model ?? Model;
        Tools = options.Tools ?? Tools;
        ToolMode = options.ToolMode ?? ToolMode;
        MaxOutputTokens = options.MaxOutputTokens ?? MaxOutputTokens;
        if (options.OutputModalities is { Count: > 0 } modalities)
        {
            AudioOut = modalities.Contains("audio", StringComparer.OrdinalIgnoreCase);
        }

        Options = Effective();
        return null;
    }

    /// <summary>The configuration announced: <see cref="RealtimeMessageTypes.SessionCreated"/> or <see cref="RealtimeMessageTypes.SessionUpdated"/>.</summary>
    public SessionRealtimeServerMessage Describe(RealtimeServerMessageType type) => new(type, _sessionId, Options) { ExpiresAt = _expiresAt };

    private RealtimeSessionOptions Effective() => new()
    {
        SessionKind = RealtimeSessionKind.Conversation,
        Model = Model ?? LocalRealtimeClient.ModelId,
        InputAudioFormat = InputFormat.ToRealtimeAudioFormat(),
        OutputAudioFormat = OutputFormat.ToRealtimeAudioFormat(),
        TranscriptionOptions = new TranscriptionOptions { ModelId = TranscriptionModel },
        Voice = Voice,
        Instructions = Instructions,
        MaxOutputTokens = MaxOutputTokens,
        OutputModalities = [AudioOut ? "audio" : "text"],
        Tools = Tools,
        ToolMode = ToolMode,
        VoiceActivityDetection = Turn.ToOptions(),
    };
}
