using Microsoft.Extensions.AI;
using Voxgate.Realtime.Abstractions;
using Voxgate.Speech.Synthesis;

namespace Voxgate.Speech.Engine;

/// <summary>
/// A session's configuration: the options a client asked for, validated and merged, and the configuration in force
/// as the session reports it. Names are echoed as asked (voice <c>marin</c>, model <c>gpt-realtime</c>), as OpenAI
/// echoes them; what actually speaks and listens (a flite voice, pocketsphinx) is the engine's business.
/// </summary>
internal sealed class SessionConfiguration
{
    /// <summary>The recogniser that transcribes input, as sessions report it when the client named no model.</summary>
    public const string TranscriptionModel = "pocketsphinx-en-us";

    private readonly string _sessionId;
    private readonly DateTimeOffset _expiresAt;
    private string _voiceName;
    private TranscriptionOptions? _transcription;

    public SessionConfiguration(string sessionId, string voice, DateTimeOffset expiresAt)
    {
        _sessionId = sessionId;
        _expiresAt = expiresAt;
        Voice = voice;
        _voiceName = voice;
        Options = Effective();
    }

    /// <summary>A conversation (the default) or a transcription-only session; fixed once the session has started.</summary>
    public RealtimeSessionKind Kind { get; private set; } = RealtimeSessionKind.Conversation;

    /// <summary>True for transcription sessions: input is transcribed, nothing is answered.</summary>
    public bool TranscriptionOnly => Kind == RealtimeSessionKind.Transcription;

    public TurnDetectionSettings Turn { get; private set; } = TurnDetectionSettings.Default;

    /// <summary>The flite voice replies are spoken with.</summary>
    public string Voice { get; private set; }

    public string? Instructions { get; private set; }

    /// <summary>The model the session reports: the one asked for, or the engine's own name.</summary>
    public string Model { get; private set; } = LocalRealtimeClient.ModelId;

    public IReadOnlyList<AITool>? Tools { get; private set; }

    public ChatToolMode? ToolMode { get; private set; }

    public int? MaxOutputTokens { get; private set; }

    /// <summary>Reply speaking rate, 0.25–1.5: flite stretches its durations by the inverse.</summary>
    public double Speed { get; private set; } = 1.0;

    /// <summary>The reasoning effort asked for, handed to the brain (<c>minimal</c> … <c>xhigh</c>).</summary>
    public string? ReasoningEffort { get; private set; }

    /// <summary>Whether the brain may call several tools in one response; null leaves it to the brain.</summary>
    public bool? ParallelToolCalls { get; private set; }

    /// <summary>Noise reduction as asked for; accepted and reported, not applied (the VAD and recogniser take the audio as it is).</summary>
    public string? NoiseReduction { get; private set; }

    public SessionAudioFormat InputFormat { get; private set; } = SessionAudioFormat.Default;

    public SessionAudioFormat OutputFormat { get; private set; } = SessionAudioFormat.Default;

    /// <summary>True when replies are spoken; false for text only.</summary>
    public bool AudioOut { get; private set; } = true;

    /// <summary>The configuration in force, every field filled in.</summary>
    public RealtimeSessionOptions Options { get; private set; }

    /// <summary>Fixes the session's kind and model before it starts (the connection's <c>?intent=</c> and <c>?model=</c>).</summary>
    public void Begin(RealtimeSessionOptions? options)
    {
        Kind = options?.SessionKind == RealtimeSessionKind.Transcription ? RealtimeSessionKind.Transcription : RealtimeSessionKind.Conversation;
        Model = options?.Model ?? Model;
        Options = Effective();
    }

    /// <summary>
    /// Validates and applies <paramref name="options"/>; null fields keep their value. Returns the problem that refuses
    /// the whole update, if any; parts the engine cannot use (a hosted MCP tool) are left out and added to
    /// <paramref name="rejected"/> while the rest applies, as OpenAI answers an unsupported part.
    /// </summary>
    /// <remarks>Nothing changes unless everything is valid, so a refused update leaves the session as it was.</remarks>
    public SessionProblem? Apply(RealtimeSessionOptions options, ICollection<SessionProblem>? rejected = null)
    {
        if (options.SessionKind != Kind)
        {
            return new SessionProblem("session.type", TranscriptionOnly
                ? "This is a transcription session; it cannot become a realtime session."
                : "A realtime session cannot become a transcription session; connect with '?intent=transcription' for one.");
        }

        if (!SessionAudioFormat.TryParse(options.InputAudioFormat, out SessionAudioFormat input, out string? error))
        {
            return new SessionProblem("session.audio.input.format", error!);
        }

        if (!SessionAudioFormat.TryParse(options.OutputAudioFormat, out SessionAudioFormat output, out error))
        {
            return new SessionProblem("session.audio.output.format", error!);
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
                return new SessionProblem("session.audio.output.voice", ex.Message);
            }
        }

        if (options.TranscriptionOptions?.SpeechLanguage is { } language && !IsEnglish(language))
        {
            return new SessionProblem("session.audio.input.transcription.language", $"Invalid value: '{language}'. The local recogniser transcribes English only ('en').");
        }

        TurnDetectionSettings turn = options.VoiceActivityDetection is { } vad ? Turn.With(vad) : Turn;
        if (turn.Validate() is { } invalid)
        {
            return new SessionProblem("session.audio.input.turn_detection", invalid);
        }

        var extended = options as ExtendedRealtimeSessionOptions;
        IReadOnlyList<AITool>? tools = options.Tools is { } asked ? Usable(asked, "session.tools", rejected) : Tools;

        InputFormat = options.InputAudioFormat is null ? InputFormat : input;
        OutputFormat = options.OutputAudioFormat is null ? OutputFormat : output;
        Turn = turn;
        Voice = voice;
        _voiceName = string.IsNullOrEmpty(options.Voice) ? _voiceName : options.Voice;
        Instructions = options.Instructions ?? Instructions;
        Model = options.Model ?? Model;
        Tools = tools;
        ToolMode = options.ToolMode ?? ToolMode;
        MaxOutputTokens = options.MaxOutputTokens ?? MaxOutputTokens;
        Speed = extended?.Speed ?? Speed;
        ReasoningEffort = extended?.ReasoningEffort ?? ReasoningEffort;
        ParallelToolCalls = extended?.ParallelToolCalls ?? ParallelToolCalls;
        NoiseReduction = extended?.NoiseReduction is { } noise ? (noise == ExtendedRealtimeSessionOptions.NoNoiseReduction ? null : noise) : NoiseReduction;
        _transcription = options.TranscriptionOptions is { } transcription ? Merge(_transcription, transcription) : _transcription;
        if (options.OutputModalities is { Count: > 0 } modalities)
        {
            AudioOut = modalities.Contains("audio", StringComparer.OrdinalIgnoreCase);
        }

        Options = Effective();
        return null;
    }

    /// <summary>
    /// The tools the engine can offer its brain: function declarations. Hosted MCP servers would be called by the
    /// session itself, which the local engine cannot do; each is left out and reported by its place in the list.
    /// </summary>
    public static List<AITool> Usable(IEnumerable<AITool> tools, string path, ICollection<SessionProblem>? rejected)
    {
        var usable = new List<AITool>();
        int index = 0;
        foreach (AITool tool in tools)
        {
            if (tool is HostedMcpServerTool mcp)
            {
                rejected?.Add(new SessionProblem($"{path}[{index}]", $"MCP tools are not supported by the local engine; the '{mcp.ServerName}' server was left out and the other tools kept."));
            }
            else
            {
                usable.Add(tool);
            }

            index++;
        }

        return usable;
    }

    /// <summary>The configuration announced: <see cref="RealtimeMessageTypes.SessionCreated"/> or <see cref="RealtimeMessageTypes.SessionUpdated"/>.</summary>
    public SessionRealtimeServerMessage Describe(RealtimeServerMessageType type) => new(type, _sessionId, Options) { ExpiresAt = _expiresAt };

    /// <summary>The reasoning effort for the brain, from the GA value.</summary>
    public ReasoningOptions? Reasoning => ReasoningEffort switch
    {
        "minimal" or "low" => new ReasoningOptions { Effort = Microsoft.Extensions.AI.ReasoningEffort.Low },
        "medium" => new ReasoningOptions { Effort = Microsoft.Extensions.AI.ReasoningEffort.Medium },
        "high" => new ReasoningOptions { Effort = Microsoft.Extensions.AI.ReasoningEffort.High },
        "xhigh" => new ReasoningOptions { Effort = Microsoft.Extensions.AI.ReasoningEffort.ExtraHigh },
        _ => null,
    };

    private static bool IsEnglish(string language)
        => language.Equals("en", StringComparison.OrdinalIgnoreCase) || language.StartsWith("en-", StringComparison.OrdinalIgnoreCase);

    private static TranscriptionOptions Merge(TranscriptionOptions? current, TranscriptionOptions update) => new()
    {
        ModelId = update.ModelId ?? current?.ModelId,
        SpeechLanguage = update.SpeechLanguage ?? current?.SpeechLanguage,
        Prompt = update.Prompt ?? current?.Prompt,
    };

    private ExtendedRealtimeSessionOptions Effective() => new()
    {
        SessionKind = Kind,
        Model = Model,
        InputAudioFormat = InputFormat.ToRealtimeAudioFormat(),
        OutputAudioFormat = OutputFormat.ToRealtimeAudioFormat(),

        // pocketsphinx transcribes every turn, whatever model is named; the name asked for is echoed.
        TranscriptionOptions = new TranscriptionOptions
        {
            ModelId = _transcription?.ModelId ?? TranscriptionModel,
            SpeechLanguage = _transcription?.SpeechLanguage,
            Prompt = _transcription?.Prompt,
        },
        Voice = _voiceName,
        Instructions = Instructions,
        MaxOutputTokens = MaxOutputTokens,
        OutputModalities = [AudioOut ? "audio" : "text"],
        Tools = Tools,
        ToolMode = ToolMode,
        VoiceActivityDetection = Turn.ToOptions(),
        Speed = Speed,
        ReasoningEffort = ReasoningEffort,
        ParallelToolCalls = ParallelToolCalls,
        NoiseReduction = NoiseReduction,
    };
}
