using Microsoft.Extensions.AI;
using Voxgate.Realtime.Abstractions;
using Voxgate.Speech.Engine;

namespace Voxgate.Speech.Tests.Engine;

public sealed class SessionConfigurationTests
{
    private static SessionConfiguration Fresh() => new("sess_test", "slt", DateTimeOffset.UnixEpoch);

    [Fact]
    public void Fields_left_null_keep_their_value()
    {
        SessionConfiguration config = Fresh();
        Assert.Null(config.Apply(new RealtimeSessionOptions { Instructions = "Be brief.", MaxOutputTokens = 200, OutputModalities = ["text"] }));
        Assert.Null(config.Apply(new RealtimeSessionOptions { Voice = "ash" }));

        RealtimeSessionOptions options = config.Options;
        Assert.Equal(("ash", "Be brief.", 200), (options.Voice, options.Instructions, options.MaxOutputTokens));
        Assert.Equal("rms", config.Voice);
        Assert.Equal(["text"], options.OutputModalities!);
        Assert.False(config.AudioOut);
    }

    [Fact]
    public void Turn_detection_options_tune_only_what_they_set()
    {
        SessionConfiguration config = Fresh();
        Assert.Null(config.Apply(new RealtimeSessionOptions { VoiceActivityDetection = new TurnDetectionOptions { SilenceDurationMs = 800, CreateResponse = false } }));
        Assert.Equal(TurnDetectionSettings.Default with { SilenceDurationMs = 800, CreateResponse = false }, config.Turn);

        // Semantic VAD is reported as asked; with no turn-end model here, its eagerness picks the silence window.
        Assert.Null(config.Apply(new RealtimeSessionOptions { VoiceActivityDetection = new TurnDetectionOptions { Kind = TurnDetectionKind.SemanticVad, Eagerness = "high", AllowInterruption = false } }));
        var reported = Assert.IsType<TurnDetectionOptions>(config.Options.VoiceActivityDetection);
        Assert.Equal((TurnDetectionKind.SemanticVad, false, false, "high", null), (reported.Kind, reported.AllowInterruption, reported.CreateResponse, reported.Eagerness, reported.IdleTimeoutMs));
        Assert.Equal(300, config.Turn.EffectiveSilenceMs);
        Assert.Null(config.Apply(new RealtimeSessionOptions { VoiceActivityDetection = new TurnDetectionOptions { Kind = TurnDetectionKind.SemanticVad, Eagerness = "low" } }));
        Assert.Equal(1200, config.Turn.EffectiveSilenceMs);
        Assert.Null(config.Apply(new RealtimeSessionOptions { VoiceActivityDetection = new TurnDetectionOptions { Kind = TurnDetectionKind.SemanticVad } }));
        Assert.Equal(600, config.Turn.EffectiveSilenceMs);

        // Back to server VAD: its own window again, and an idle timeout (server VAD only) in force.
        Assert.Null(config.Apply(new RealtimeSessionOptions { VoiceActivityDetection = new TurnDetectionOptions { IdleTimeoutMs = 6000 } }));
        Assert.Equal((800, 6000), (config.Turn.EffectiveSilenceMs, config.Turn.IdleTimeoutMs));
    }

    [Theory]
    [InlineData("format")]
    [InlineData("voice")]
    [InlineData("threshold")]
    [InlineData("padding")]
    public void A_refused_update_changes_nothing(string problem)
    {
        SessionConfiguration config = Fresh();
        RealtimeSessionOptions before = config.Options;
        SessionProblem? error = config.Apply(new RealtimeSessionOptions
        {
            Instructions = "changed",
            InputAudioFormat = problem == "format" ? new RealtimeAudioFormat("audio/flac", 24000) : null,
            Voice = problem == "voice" ? "nobody" : "ash",
            VoiceActivityDetection = problem switch
            {
                "threshold" => new TurnDetectionOptions { Threshold = 1.5 },
                "padding" => new TurnDetectionOptions { PrefixPaddingMs = -1 },
                _ => null,
            },
        });

        Assert.NotNull(error);
        Assert.Same(before, config.Options);
        Assert.Equal(("slt", null), (config.Voice, config.Instructions));
        Assert.Equal(TurnDetectionSettings.Default, config.Turn);
    }

    [Fact]
    public void Described_sessions_carry_their_id_expiry_and_options()
    {
        SessionConfiguration config = Fresh();
        SessionRealtimeServerMessage created = config.Describe(RealtimeMessageTypes.SessionCreated);
        Assert.Equal((RealtimeMessageTypes.SessionCreated, "sess_test", DateTimeOffset.UnixEpoch), (created.Type, created.SessionId, created.ExpiresAt!.Value));
        Assert.Same(config.Options, created.Options);
        Assert.Equal(SessionConfiguration.TranscriptionModel, created.Options.TranscriptionOptions!.ModelId);
    }

    [Fact]
    public void Names_are_echoed_as_asked_and_what_the_engine_cannot_do_is_refused_by_part()
    {
        SessionConfiguration config = Fresh();
        config.Begin(new RealtimeSessionOptions { Model = "gpt-realtime" });
        var rejected = new List<SessionProblem>();
        Assert.Null(config.Apply(new ExtendedRealtimeSessionOptions
        {
            Voice = "marin",
            Speed = 1.25,
            ReasoningEffort = "low",
            ParallelToolCalls = false,
            TranscriptionOptions = new TranscriptionOptions { ModelId = "gpt-4o-mini-transcribe", SpeechLanguage = "en", Prompt = "dentist" },
            Tools = [AIFunctionFactory.CreateDeclaration("lookup", "Looks up.", JsonDocumentElement()), new HostedMcpServerTool("deepwiki", "https://mcp.example/sse")],
        }, rejected));

        var options = Assert.IsType<ExtendedRealtimeSessionOptions>(config.Options);
        Assert.Equal(("gpt-realtime", "marin", "slt"), (options.Model, options.Voice, config.Voice));
        Assert.Equal((1.25, "low", (bool?)false), (options.Speed, options.ReasoningEffort, options.ParallelToolCalls));
        Assert.Equal(("gpt-4o-mini-transcribe", "en", "dentist"), (options.TranscriptionOptions!.ModelId, options.TranscriptionOptions.SpeechLanguage, options.TranscriptionOptions.Prompt));
        Assert.Equal(["lookup"], options.Tools!.Select(t => t.Name));
        SessionProblem mcp = Assert.Single(rejected);
        Assert.Equal("session.tools[1]", mcp.Param);
        Assert.Contains("deepwiki", mcp.Message, StringComparison.Ordinal);
        Assert.Equal(Microsoft.Extensions.AI.ReasoningEffort.Low, config.Reasoning!.Effort);

        // The recogniser is English only, and a realtime session does not turn into a transcription one.
        Assert.Equal("session.audio.input.transcription.language", config.Apply(new RealtimeSessionOptions { TranscriptionOptions = new TranscriptionOptions { SpeechLanguage = "de" } })!.Param);
        Assert.Equal("session.type", config.Apply(new RealtimeSessionOptions { SessionKind = RealtimeSessionKind.Transcription })!.Param);
    }

    private static System.Text.Json.JsonElement JsonDocumentElement()
        => System.Text.Json.JsonDocument.Parse("""{"type":"object","properties":{}}""").RootElement.Clone();
}
