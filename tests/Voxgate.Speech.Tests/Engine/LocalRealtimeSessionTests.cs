using Microsoft.Extensions.AI;
using Voxgate.Audio;
using Voxgate.Realtime.Abstractions;
using Voxgate.Speech.Brain;
using Voxgate.Speech.Engine;
using Voxgate.Speech.Synthesis;
using Voxgate.Speech.Tests.Brain;
using Voxgate.Speech.Tests.TestSupport;
using static Voxgate.Speech.Tests.Engine.SessionDriver;

namespace Voxgate.Speech.Tests.Engine;

/// <summary>The session's typed seam: what it reports of itself, responses asked for in full, items, and audio buffers.</summary>
[Collection(SharedEngine.Name)]
public sealed class LocalRealtimeSessionTests(EngineFixture fixture)
{
    private static readonly DateTimeOffset Monday = new(2026, 11, 23, 10, 0, 0, TimeSpan.Zero);

    private LocalRealtimeClient Client(IChatClient? brain = null, EngineLimits? limits = null)
        => new(fixture.Engine, brain ?? new ReceptionistChatClient(new ReceptionistOptions { TimeProvider = new FixedTimeProvider(Monday) }), limits);

    [Fact]
    public async Task The_session_reports_the_configuration_in_force_not_the_one_asked_for()
    {
        DateTimeOffset before = DateTimeOffset.UtcNow;
        await using var driver = await StartAsync(Client(), new RealtimeSessionOptions
        {
            Voice = "marin",
            Instructions = "Be brief.",
            VoiceActivityDetection = new TurnDetectionOptions { Threshold = 0.6, SilenceDurationMs = 700 },
        });

        var created = Assert.IsType<SessionRealtimeServerMessage>(await driver.WaitForTypeAsync("SessionCreated"));
        Assert.Equal(RealtimeMessageTypes.SessionCreated, created.Type);
        Assert.Equal(((LocalRealtimeSession)driver.Session).Id, created.SessionId);
        Assert.StartsWith("sess_", created.SessionId, StringComparison.Ordinal);
        Assert.InRange(created.ExpiresAt!.Value, before.AddMinutes(60).AddSeconds(-5), DateTimeOffset.UtcNow.AddMinutes(60).AddSeconds(5));

        // "marin" is an OpenAI name: flite speaks it with slt, and the session reports the name asked for, as OpenAI does.
        RealtimeSessionOptions options = created.Options;
        Assert.Equal("marin", options.Voice);
        Assert.Equal(LocalRealtimeClient.ModelId, options.Model);
        Assert.Equal("Be brief.", options.Instructions);
        Assert.Equal(RealtimeSessionKind.Conversation, options.SessionKind);
        Assert.Equal(["audio"], options.OutputModalities!);
        Assert.Equal(("audio/pcm", 24000), (options.InputAudioFormat!.MediaType, options.InputAudioFormat.SampleRate));
        Assert.Equal(("audio/pcm", 24000), (options.OutputAudioFormat!.MediaType, options.OutputAudioFormat.SampleRate));
        Assert.Equal("pocketsphinx-en-us", options.TranscriptionOptions!.ModelId);
        var turn = Assert.IsType<TurnDetectionOptions>(options.VoiceActivityDetection);
        Assert.Equal(
            (TurnDetectionKind.ServerVad, true, true, 0.6, 300, 700, true),
            (turn.Kind, turn.Enabled, turn.AllowInterruption, turn.Threshold, turn.PrefixPaddingMs, turn.SilenceDurationMs, turn.CreateResponse));
        Assert.Same(options, driver.Session.Options);

        // A plain VoiceActivityDetectionOptions switches turns off and keeps the tuning; the update reports it all.
        await driver.Session.SendAsync(new SessionUpdateRealtimeClientMessage(new RealtimeSessionOptions
        {
            VoiceActivityDetection = new VoiceActivityDetectionOptions { Enabled = false, AllowInterruption = false },
            OutputAudioFormat = RealtimeAudioFormats.MuLaw,
            Voice = "cedar",
        }));
        var updated = Assert.IsType<SessionRealtimeServerMessage>(await driver.WaitForTypeAsync("SessionUpdated"));
        Assert.Equal(created.SessionId, updated.SessionId);
        Assert.Equal(created.ExpiresAt, updated.ExpiresAt);
        Assert.Equal("cedar", updated.Options.Voice);
        Assert.Equal("Be brief.", updated.Options.Instructions);
        Assert.Equal(("audio/pcmu", 8000), (updated.Options.OutputAudioFormat!.MediaType, updated.Options.OutputAudioFormat.SampleRate));
        turn = Assert.IsType<TurnDetectionOptions>(updated.Options.VoiceActivityDetection);
        Assert.Equal((false, false, 0.6, 300, 700), (turn.Enabled, turn.AllowInterruption, turn.Threshold, turn.PrefixPaddingMs, turn.SilenceDurationMs));
        Assert.Same(updated.Options, driver.Session.Options);

        // A refused update changes nothing and is answered with an error, not session.updated.
        int mark = driver.Messages.Count;
        await driver.Session.SendAsync(new SessionUpdateRealtimeClientMessage(new RealtimeSessionOptions
        {
            Voice = "alloy",
            VoiceActivityDetection = new TurnDetectionOptions { Threshold = 2 },
        }) { MessageId = "bad" });
        var error = (ErrorRealtimeServerMessage)await driver.WaitForAsync(m => m is ErrorRealtimeServerMessage { OriginatingMessageId: "bad" }, mark);
        Assert.Equal("invalid_value", error.Error!.ErrorCode);
        Assert.Equal("session.audio.input.turn_detection", error.Error.Details);
        Assert.Same(updated.Options, driver.Session.Options);
        Assert.Null(driver.Find(m => TypeOf(m) == "SessionUpdated", mark));
    }

    [Fact]
    public async Task A_response_asked_for_in_full_echoes_its_metadata_and_uses_only_the_context_it_was_given()
    {
        var brain = new RecordingChatClient("Sales.");
        await using var driver = await StartAsync(Client(brain), new RealtimeSessionOptions { Instructions = "Be brief.", OutputModalities = ["text"] });
        await driver.Session.SendAsync(new CreateConversationItemRealtimeClientMessage(new RealtimeConversationItem([new TextContent("hello there")], "item_hello", ChatRole.User)));

        // Out of band, with its own input: the conversation is neither read nor written.
        await driver.Session.SendAsync(new CreateResponseRealtimeClientMessage
        {
            Instructions = "Classify.",
            ExcludeFromConversation = true,
            Items = [new RealtimeConversationItem([new TextContent("i want to buy something")], null, ChatRole.User)],
            AdditionalProperties = new() { ["topic"] = "classification" },
        });
        var done = Assert.IsType<ResponseRealtimeServerMessage>(await driver.WaitForTypeAsync("ResponseDone"));
        var created = Assert.IsType<ResponseRealtimeServerMessage>(driver.Find(m => m.Type == RealtimeServerMessageType.ResponseCreated)!);
        foreach (ResponseRealtimeServerMessage response in new[] { created, done })
        {
            Assert.Equal("classification", response.AdditionalProperties?["topic"]);
            Assert.Null(response.ConversationId);
            Assert.Equal(["text"], response.OutputModalities!);
        }

        Assert.Equal(created.ResponseId, done.ResponseId);
        Assert.Equal("in_progress", created.Status);
        Assert.Equal("completed", done.Status);
        ConversationItemSnapshot output = Assert.IsType<ConversationItemSnapshot>(Assert.Single(done.Items!));
        Assert.Equal("Sales.", Assert.IsType<TextContent>(Assert.Single(output.Contents)).Text);
        Assert.Null(driver.Find(m => m is ConversationItemRealtimeServerMessage { Item.Id: var id } && id == output.Id));
        Assert.Equal([(ChatRole.System, "Classify."), (ChatRole.User, "i want to buy something")], brain.Requests[0].Select(m => (m.Role, m.Text)));

        // An empty list means no context at all, not the conversation.
        int mark = driver.Messages.Count;
        await driver.Session.SendAsync(new CreateResponseRealtimeClientMessage { Items = [], ExcludeFromConversation = true });
        await driver.WaitForTypeAsync("ResponseDone", mark);
        Assert.Equal([(ChatRole.System, "Be brief.")], brain.Requests[1].Select(m => (m.Role, m.Text)));

        // No items: the conversation is the context, and the reply joins it after the last item.
        mark = driver.Messages.Count;
        await driver.Session.SendAsync(new CreateResponseRealtimeClientMessage());
        done = Assert.IsType<ResponseRealtimeServerMessage>(await driver.WaitForTypeAsync("ResponseDone", mark));
        Assert.Null(done.AdditionalProperties);
        Assert.StartsWith("conv_", done.ConversationId, StringComparison.Ordinal);
        Assert.Equal([(ChatRole.System, "Be brief."), (ChatRole.User, "hello there")], brain.Requests[2].Select(m => (m.Role, m.Text)));
        var joined = Assert.IsType<ConversationItemRealtimeServerMessage>(driver.Find(m => m.Type == RealtimeServerMessageType.ConversationItemAdded, mark));
        Assert.Equal("item_hello", joined.PreviousItemId);
        Assert.Equal(Assert.Single(done.Items!).Id, joined.Item!.Id);
    }

    [Fact]
    public async Task Items_pushed_out_by_the_conversation_limit_are_reported_deleted()
    {
        await using var driver = await StartAsync(Client(new RecordingChatClient(), new EngineLimits { MaxConversationItems = 2 }));
        foreach (string id in new[] { "item_a", "item_b", "item_c" })
        {
            await driver.Session.SendAsync(new CreateConversationItemRealtimeClientMessage(new RealtimeConversationItem([new TextContent(id)], id, ChatRole.User)));
        }

        var deleted = Assert.IsType<ConversationItemDeletedRealtimeServerMessage>(await driver.WaitForTypeAsync("ConversationItemDeleted"));
        Assert.Equal("item_a", deleted.ItemId);
        var added = (ConversationItemRealtimeServerMessage)driver.Find(m => m is ConversationItemRealtimeServerMessage { Item.Id: "item_c" })!;
        Assert.Equal("item_b", added.PreviousItemId);
        Assert.True(driver.Messages.ToList().IndexOf(added) < driver.Messages.ToList().IndexOf(deleted), "the new item is reported before the old one leaves");

        // An item inserted first stays; the oldest of the others goes.
        int mark = driver.Messages.Count;
        await driver.Session.SendAsync(new InsertConversationItemRealtimeClientMessage(new RealtimeConversationItem([new TextContent("first")], "item_first", ChatRole.User), InsertConversationItemRealtimeClientMessage.Root));
        deleted = Assert.IsType<ConversationItemDeletedRealtimeServerMessage>(await driver.WaitForTypeAsync("ConversationItemDeleted", mark));
        Assert.Equal("item_b", deleted.ItemId);
        added = (ConversationItemRealtimeServerMessage)driver.Find(m => m is ConversationItemRealtimeServerMessage { Item.Id: "item_first" }, mark)!;
        Assert.Null(added.PreviousItemId);

        await driver.Session.SendAsync(new ConversationItemRetrieveRealtimeClientMessage("item_a") { MessageId = "gone" });
        await driver.Session.SendAsync(new ConversationItemRetrieveRealtimeClientMessage("item_c"));
        var error = (ErrorRealtimeServerMessage)await driver.WaitForAsync(m => m is ErrorRealtimeServerMessage { OriginatingMessageId: "gone" });
        Assert.Equal(RealtimeErrorCodes.RetrievedItemNotFound, error.Error!.ErrorCode);
        var retrieved = Assert.IsType<ConversationItemRealtimeServerMessage>(await driver.WaitForTypeAsync("ConversationItemRetrieved", mark));
        Assert.Equal("item_first", retrieved.PreviousItemId);
        Assert.Equal("item_c", Assert.IsType<TextContent>(Assert.Single(retrieved.Item!.Contents)).Text);
    }

    [Fact]
    public async Task Appended_audio_is_the_callers_only_until_SendAsync_returns()
    {
        await using var driver = await StartAsync(Client());
        short[] speech = SpeechAudio.Padded(await SpeechAudio.SynthesizeAsync("what are your opening hours", "slt", 24000), 24000, 0.3);
        byte[] pcm = SpeechAudio.ToBytes(speech);

        // One buffer for every 20 ms frame, as a socket reader reuses its buffer; scribbled on the moment each send returns.
        byte[] frame = new byte[960];
        var scribble = new Random(11);
        for (int offset = 0; offset < pcm.Length; offset += frame.Length)
        {
            int n = Math.Min(frame.Length, pcm.Length - offset);
            pcm.AsSpan(offset, n).CopyTo(frame);
            await driver.Session.SendAsync(new InputAudioBufferAppendRealtimeClientMessage(new DataContent(frame.AsMemory(0, n), "audio/pcm")));
            scribble.NextBytes(frame);
        }

        var transcript = (InputAudioTranscriptionRealtimeServerMessage)await driver.SendSilenceUntilAsync(m => m.Type == RealtimeServerMessageType.InputAudioTranscriptionCompleted);
        Assert.Contains("opening hours", transcript.Transcription, StringComparison.Ordinal);
        Assert.Single(driver.Messages, m => TypeOf(m) == "InputAudioBufferSpeechStarted");
    }

    [Fact]
    public async Task Reply_audio_arrives_in_pooled_deltas_holding_exactly_what_flite_says()
    {
        await using var driver = await StartAsync(Client());
        await driver.SendSilenceAsync(300);
        await driver.SendAudioAsync(await SpeechAudio.SynthesizeAsync("what are your opening hours", "slt", 24000));
        var done = (ResponseRealtimeServerMessage)await driver.SendSilenceUntilAsync(m => m.Type == RealtimeServerMessageType.ResponseDone);
        Assert.Equal("completed", done.Status);

        IReadOnlyList<OutputAudioDeltaRealtimeServerMessage> deltas = driver.AudioDeltasOf(done.ResponseId!);
        string itemId = Assert.Single(done.Items!).Id!;
        Assert.True(deltas.Count > 25, $"{deltas.Count} deltas");
        Assert.All(deltas, delta =>
        {
            Assert.False(delta.IsReleased);
            Assert.Null(delta.Audio);   // no base64 made for nobody
            Assert.InRange(delta.Data.Length, 2, 24000 * 40 / 1000 * 2);
            Assert.Equal((itemId, 0, 0), (delta.ItemId, delta.OutputIndex, delta.ContentIndex));
        });

        // Sentence by sentence, the reply is flite's audio for its transcript. flite's vocoder draws noise from the C
        // library's process-wide rand(), so another library calling it mid-synthesis (a parallel test) can move a
        // sample by one step; a buffer mixed up on the way would differ by far more, and in many places.
        byte[] expected = await SpokenAsync(driver, done.ResponseId!, 24000);
        SpeechAudio.AssertSameSpeech(expected, driver.AudioOf(done.ResponseId!));
    }

    [Fact]
    public async Task Reply_audio_in_mu_law_is_flites_audio_encoded_once()
    {
        var format = RealtimeAudioFormats.MuLaw;
        await using var driver = await StartAsync(Client(new RecordingChatClient("We open at nine. We close at five.")), new RealtimeSessionOptions { OutputAudioFormat = format });
        await driver.Session.SendAsync(new CreateResponseRealtimeClientMessage());
        var done = (ResponseRealtimeServerMessage)await driver.SendSilenceUntilAsync(m => m.Type == RealtimeServerMessageType.ResponseDone);
        Assert.Equal(("audio/pcmu", 8000), (done.OutputAudioOptions!.MediaType, done.OutputAudioOptions.SampleRate));

        byte[] pcm = await SpokenAsync(driver, done.ResponseId!, 8000);
        byte[] expected = new byte[pcm.Length / 2];
        G711.EncodeMuLaw(Pcm16.AsSamples(pcm), expected);
        Assert.Equal(expected, driver.AudioOf(done.ResponseId!));
        Assert.All(driver.AudioDeltasOf(done.ResponseId!), delta => Assert.InRange(delta.Data.Length, 1, 8000 * 40 / 1000));
    }

    /// <summary>flite's own PCM16 for each sentence the response spoke, as its transcript deltas give them.</summary>
    private async Task<byte[]> SpokenAsync(SessionDriver driver, string responseId, int rate)
    {
        string[] sentences = [.. driver.Messages.OfType<OutputTextAudioRealtimeServerMessage>()
            .Where(m => m.Type == RealtimeServerMessageType.OutputAudioTranscriptionDelta && m.ResponseId == responseId)
            .Select(m => m.Text!.Trim())];
        Assert.NotEmpty(sentences);
        var options = new TextToSpeechOptions { VoiceId = "slt", AdditionalProperties = new() { [FliteTextToSpeechClient.SampleRatePropertyName] = rate } };
        var audio = new List<byte>();
        foreach (string sentence in sentences)
        {
            TextToSpeechResponse spoken = await fixture.Engine.Speech.GetAudioAsync(sentence, options);
            audio.AddRange(Assert.IsType<DataContent>(Assert.Single(spoken.Contents)).Data.ToArray());
        }

        return [.. audio];
    }
}
