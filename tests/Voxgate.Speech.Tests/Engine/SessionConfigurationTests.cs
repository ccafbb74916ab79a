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
        Assert.Equal(("rms", "Be brief.", 200), (options.Voice, options.Instructions, options.MaxOutputTokens));
        Assert.Equal(["text"], options.OutputModalities!);
        Assert.False(config.AudioOut);
    }

    [Fact]
    public void Turn_detection_options_tune_only_what_they_set()
    {
        SessionConfiguration config = Fresh();
        Assert.Null(config.Apply(new RealtimeSessionOptions { VoiceActivityDetection = new TurnDetectionOptions { SilenceDurationMs = 800, CreateResponse = false } }));
        Assert.Equal(TurnDetectionSettings.Default with { SilenceDurationMs = 800, CreateResponse = false }, config.Turn);

        // Semantic VAD has no model here: it runs, and is reported, as server VAD with the windows in force.
        Assert.Null(config.Apply(new RealtimeSessionOptions { VoiceActivityDetection = new TurnDetectionOptions { Kind = TurnDetectionKind.SemanticVad, Eagerness = "high", AllowInterruption = false } }));
        var reported = Assert.IsType<TurnDetectionOptions>(config.Options.VoiceActivityDetection);
        Assert.Equal((TurnDetectionKind.ServerVad, false, 800, false, null, null), (reported.Kind, reported.AllowInterruption, reported.SilenceDurationMs, reported.CreateResponse, reported.Eagerness, reported.IdleTimeoutMs));
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
        string? error = config.Apply(new RealtimeSessionOptions
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
}
