using Microsoft.Extensions.AI;
using Voxgate.Realtime.Abstractions;
using Voxgate.Speech.Brain;
using Voxgate.Speech.Engine;
using Voxgate.Speech.Tests.Brain;
using Voxgate.Speech.Tests.TestSupport;
using static Voxgate.Speech.Tests.Engine.SessionDriver;

namespace Voxgate.Speech.Tests.Engine;

[Collection(SharedEngine.Name)]
public sealed class LocalRealtimeClientTests(EngineFixture fixture)
{
    // Monday 23 November 2026, 10:00 UTC: "tomorrow" is Tuesday the 24th.
    private static readonly DateTimeOffset Monday = new(2026, 11, 23, 10, 0, 0, TimeSpan.Zero);

    private LocalRealtimeClient Client(IChatClient? brain = null)
        => new(fixture.Engine, brain ?? new ReceptionistChatClient(new ReceptionistOptions { TimeProvider = new FixedTimeProvider(Monday) }));

    private static async Task<short[]> Speech(string text, string voice = "slt") => await SpeechAudio.SynthesizeAsync(text, voice, 24000);

    [Fact]
    public async Task The_warm_up_turn_is_heard_and_answered_with_audio()
    {
        var brain = new RecordingChatClient("We open at nine.");
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));

        // It throws when the turn ends without reply audio.
        await Client(brain).WarmUpTurnAsync(timeout.Token);

        Assert.NotEmpty(brain.Requests);
        Assert.Contains(brain.Requests[^1], m => m.Role == ChatRole.User && m.Text.Contains("opening hours", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_spoken_question_gets_a_transcript_and_a_spoken_answer_in_OpenAI_turn_order()
    {
        await using var driver = await StartAsync(Client());
        await driver.SendSilenceAsync(300);
        await driver.SendAudioAsync(await Speech("what are your opening hours"));
        RealtimeServerMessage done = await driver.SendSilenceUntilAsync(m => m.Type == RealtimeServerMessageType.ResponseDone);

        var transcript = (InputAudioTranscriptionRealtimeServerMessage)driver.Find(m => m.Type == RealtimeServerMessageType.InputAudioTranscriptionCompleted)!;
        Assert.Contains("opening hours", transcript.Transcription, StringComparison.Ordinal);

        var response = Assert.IsType<ResponseRealtimeServerMessage>(done);
        Assert.Equal("completed", response.Status);
        Assert.Null(response.StatusReason);
        string said = ((OutputTextAudioRealtimeServerMessage)driver.Find(m => m.Type == RealtimeServerMessageType.OutputAudioTranscriptionDone)!).Text!;
        Assert.Contains("open", said, StringComparison.OrdinalIgnoreCase);

        // The reply's audio, transcribed back, says what its transcript says.
        byte[] audio = driver.AudioOf(response.ResponseId!);
        Assert.True(audio.Length > 24000 * 2, "less than a second of reply audio");
        string heard = (await fixture.Engine.Recognition.GetTextAsync(new MemoryStream(audio), new SpeechToTextOptions { SpeechSampleRate = 24000 })).Text;
        Assert.True(SpeechAudio.CountWords(heard, "open", "monday", "friday", "nine", "five") >= 3, $"heard '{heard}' for '{said}'");

        AssertTyped(driver.Messages);
        string[] order = [.. driver.Messages.Select(TypeOf)];
        AssertInOrder(order,
            "InputAudioBufferSpeechStarted", "InputAudioBufferSpeechStopped", "InputAudioBufferCommitted", "ConversationItemAdded", "ConversationItemDone",
            "ResponseCreated", "ResponseOutputItemAdded", "ConversationItemAdded", "ResponseContentPartAdded", "OutputAudioTranscriptionDelta", "OutputAudioDelta",
            "OutputAudioDone", "OutputAudioTranscriptionDone", "ResponseContentPartDone", "ResponseOutputItemDone", "ConversationItemDone", "ResponseDone", "RateLimitsUpdated");
    }

    [Fact]
    public async Task A_booking_over_several_turns_calls_the_tools_with_the_right_arguments()
    {
        var calls = new List<(string Tool, string Date, string Time)>();
        AIFunction check = AIFunctionFactory.Create((string date, string time) => { lock (calls) { calls.Add(("check_availability", date, time)); } return new { available = true }; }, "check_availability", "Checks whether a slot is free.");
        AIFunction book = AIFunctionFactory.Create((string date, string time) => { lock (calls) { calls.Add(("book_appointment", date, time)); } return new { booked = true, appointment_id = "A1" }; }, "book_appointment", "Books a slot.");
        IRealtimeClient client = Client().AsBuilder().UseFunctionInvocation().Build();

        await using var driver = await StartAsync(client, new RealtimeSessionOptions { Tools = [check, book] });
        await driver.SendSilenceAsync(300);
        await driver.SendAudioAsync(await Speech("i would like to book an appointment on friday"));
        await driver.SendSilenceUntilAsync(m => m.Type == RealtimeServerMessageType.ResponseDone);
        string asked = LastTranscript(driver);
        Assert.Contains("time", asked, StringComparison.OrdinalIgnoreCase);
        Assert.Empty(calls);

        int mark = driver.Messages.Count;
        await driver.SendAudioAsync(await Speech("at ten thirty please"));
        await driver.SendSilenceUntilAsync(m => SessionDriver.IsResponseDoneSaying(m, "booked"), from: mark);

        Assert.Equal(
            [("check_availability", "2026-11-27", "10:30"), ("book_appointment", "2026-11-27", "10:30")],
            calls);
        Assert.Contains("Friday", LastTranscript(driver, mark), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Speech_during_a_reply_cancels_it_and_truncation_trims_the_transcript_to_what_was_heard()
    {
        await using var driver = await StartAsync(Client());
        await driver.SendSilenceAsync(300);
        await driver.SendAudioAsync(await Speech("what are your opening hours"));
        var firstAudio = (OutputTextAudioRealtimeServerMessage)await driver.SendSilenceUntilAsync(m => m.Type == RealtimeServerMessageType.OutputAudioDelta);
        int mark = driver.Messages.Count;

        // The caller talks over the reply.
        await driver.SendAudioAsync(await Speech("hello there"));
        var done = Assert.IsType<ResponseRealtimeServerMessage>(await driver.WaitForAsync(m => m.Type == RealtimeServerMessageType.ResponseDone, mark));
        Assert.Equal("cancelled", done.Status);
        Assert.Equal(RealtimeResponseStatusReasons.TurnDetected, done.StatusReason);
        int started = IndexOf(driver, "InputAudioBufferSpeechStarted", mark);
        int cancelled = driver.Messages.ToList().IndexOf(done);
        Assert.True(started >= 0 && started < cancelled, "speech_started must come before the cancelled response.done");

        // The reply's item is incomplete, and truncating it at what was played trims its transcript.
        var item = (ResponseOutputItemRealtimeServerMessage)driver.Find(m => m.Type == RealtimeServerMessageType.ResponseOutputItemDone && ((ResponseOutputItemRealtimeServerMessage)m).Item?.Id == firstAudio.ItemId)!;
        Assert.Equal(ConversationItemStatus.Incomplete, Assert.IsType<ConversationItemSnapshot>(item.Item).Status);
        string full = ((OutputTextAudioRealtimeServerMessage)driver.Find(m => m.Type == RealtimeServerMessageType.OutputAudioTranscriptionDone && ((OutputTextAudioRealtimeServerMessage)m).ItemId == firstAudio.ItemId)!).Text!;
        await driver.Session.SendAsync(new ConversationItemTruncateRealtimeClientMessage(firstAudio.ItemId!, 600) { MessageId = "t1" });
        var truncated = Assert.IsType<ConversationItemTruncatedRealtimeServerMessage>(await driver.WaitForTypeAsync("ConversationItemTruncated", mark));
        Assert.Equal(600, truncated.AudioEndMs);
        Assert.Equal(firstAudio.ItemId, truncated.ItemId);
        Assert.Equal(0, truncated.ContentIndex);

        await driver.Session.SendAsync(new ConversationItemRetrieveRealtimeClientMessage(firstAudio.ItemId!));
        var retrieved = Assert.IsType<ConversationItemRealtimeServerMessage>(await driver.WaitForTypeAsync("ConversationItemRetrieved", mark));
        Assert.Equal(firstAudio.ItemId, retrieved.Item!.Id);
        string kept = Assert.IsType<AudioTranscriptContent>(Assert.Single(retrieved.Item.Contents)).Transcript!;
        Assert.True(kept.Length < full.Length, $"'{kept}' was not cut from '{full}'");
        Assert.StartsWith(kept, full, StringComparison.Ordinal);

        // Truncating past what was generated is refused, as OpenAI refuses it.
        await driver.Session.SendAsync(new ConversationItemTruncateRealtimeClientMessage(firstAudio.ItemId!, 999_999) { MessageId = "t2" });
        var error = (ErrorRealtimeServerMessage)await driver.WaitForAsync(m => m is ErrorRealtimeServerMessage { OriginatingMessageId: "t2" }, mark);
        Assert.Contains("shorter than", error.Error!.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Manual_turns_commit_and_respond_only_when_asked()
    {
        await using var driver = await StartAsync(Client(), new RealtimeSessionOptions { VoiceActivityDetection = new VoiceActivityDetectionOptions { Enabled = false } });
        await driver.SendAudioAsync(SpeechAudio.Padded(await Speech("what time is it"), 24000, 0.5));
        await driver.SendSilenceAsync(1000);
        Assert.Null(driver.Find(m => TypeOf(m) == "InputAudioBufferSpeechStarted"));

        await driver.Session.SendAsync(new InputAudioBufferCommitRealtimeClientMessage());
        var transcript = (InputAudioTranscriptionRealtimeServerMessage)await driver.WaitForAsync(m => m.Type == RealtimeServerMessageType.InputAudioTranscriptionCompleted);
        Assert.Contains("time", transcript.Transcription, StringComparison.Ordinal);
        Assert.Null(driver.Find(m => m.Type == RealtimeServerMessageType.ResponseCreated));

        await driver.Session.SendAsync(new CreateResponseRealtimeClientMessage());
        await driver.SendSilenceUntilAsync(m => m.Type == RealtimeServerMessageType.ResponseDone);
        Assert.Contains("10", LastTranscript(driver), StringComparison.Ordinal);

        // A commit with nothing in the buffer is refused.
        await driver.Session.SendAsync(new InputAudioBufferClearRealtimeClientMessage());
        await driver.Session.SendAsync(new InputAudioBufferCommitRealtimeClientMessage { MessageId = "c2" });
        var error = (ErrorRealtimeServerMessage)await driver.WaitForAsync(m => m is ErrorRealtimeServerMessage { OriginatingMessageId: "c2" });
        Assert.Equal(RealtimeErrorCodes.AudioTooShortToCommit, error.Error!.ErrorCode);
    }

    [Fact]
    public async Task Silence_and_quiet_noise_start_no_turn()
    {
        await using var driver = await StartAsync(Client());
        await driver.SendSilenceAsync(3000);
        var random = new Random(5);
        short[] noise = new short[24000 * 3];
        double amplitude = Math.Pow(10, -40 / 20.0) * 32768 * Math.Sqrt(3);   // uniform noise at -40 dBFS RMS
        for (int i = 0; i < noise.Length; i++)
        {
            noise[i] = (short)((random.NextDouble() * 2 - 1) * amplitude);
        }

        await driver.SendAudioAsync(noise);
        await driver.SendSilenceAsync(1000);

        // A marker event proves every append before it was processed.
        await driver.Session.SendAsync(new InputAudioBufferClearRealtimeClientMessage());
        Assert.IsType<InputAudioBufferClearedRealtimeServerMessage>(await driver.WaitForTypeAsync("InputAudioBufferCleared"));
        Assert.Null(driver.Find(m => TypeOf(m) == "InputAudioBufferSpeechStarted"));
        Assert.Null(driver.Find(m => m.Type == RealtimeServerMessageType.ResponseCreated));
    }

    [Fact]
    public async Task Bad_audio_and_bad_events_get_errors_and_the_session_goes_on()
    {
        await using var driver = await StartAsync(Client());
        await driver.Session.SendAsync(new InputAudioBufferAppendRealtimeClientMessage(new DataContent(new byte[961], "audio/pcm")) { MessageId = "odd" });
        await driver.Session.SendAsync(new InputAudioBufferAppendRealtimeClientMessage(new DataContent(new byte[160], "audio/pcmu")) { MessageId = "format" });
        await driver.Session.SendAsync(new InputAudioBufferAppendRealtimeClientMessage(new DataContent(new byte[10], "text/plain")) { MessageId = "text" });
        await driver.Session.SendAsync(new RealtimeClientMessage { MessageId = "unknown" });
        await driver.Session.SendAsync(new ResponseCancelRealtimeClientMessage { MessageId = "cancel" });
        await driver.Session.SendAsync(new ConversationItemTruncateRealtimeClientMessage("item_nope", 5) { MessageId = "missing" });

        foreach ((string id, string code) in new[] { ("odd", "invalid_value"), ("format", "invalid_value"), ("text", "invalid_value"), ("unknown", "unknown_event_type"), ("cancel", RealtimeErrorCodes.NoResponseToCancel), ("missing", RealtimeErrorCodes.TruncatedItemNotFound) })
        {
            var error = (ErrorRealtimeServerMessage)await driver.WaitForAsync(m => m is ErrorRealtimeServerMessage e && e.OriginatingMessageId == id);
            Assert.Equal(code, error.Error!.ErrorCode);
        }

        // An unknown message is named by its C# type, since there is no event name to quote.
        var unknown = (ErrorRealtimeServerMessage)driver.Find(m => m is ErrorRealtimeServerMessage { OriginatingMessageId: "unknown" })!;
        Assert.Contains(nameof(RealtimeClientMessage), unknown.Error!.Message, StringComparison.Ordinal);

        // After all that, a normal turn still works.
        await driver.SendSilenceAsync(300);
        await driver.SendAudioAsync(await Speech("what are your opening hours"));
        var done = (ResponseCreatedRealtimeServerMessage)await driver.SendSilenceUntilAsync(m => m.Type == RealtimeServerMessageType.ResponseDone);
        Assert.Equal("completed", done.Status);
    }

    [Fact]
    public async Task Telephone_audio_in_mu_law_at_8_kHz_is_understood_and_answered_in_kind()
    {
        var format = new RealtimeAudioFormat("audio/pcmu", 8000);
        await using var driver = await StartAsync(Client(), new RealtimeSessionOptions { InputAudioFormat = format, OutputAudioFormat = format });
        short[] speech = await SpeechAudio.SynthesizeAsync("what are your opening hours", "slt", 8000);
        byte[] ulaw = new byte[speech.Length];
        Voxgate.Audio.G711.EncodeMuLaw(speech, ulaw);
        var silence = new byte[160];
        Array.Fill(silence, (byte)0xFF);
        for (int i = 0; i < 20; i++)
        {
            await driver.Session.SendAsync(new InputAudioBufferAppendRealtimeClientMessage(new DataContent(silence, "audio/pcmu")));
        }

        for (int offset = 0; offset < ulaw.Length; offset += 160)
        {
            await driver.Session.SendAsync(new InputAudioBufferAppendRealtimeClientMessage(new DataContent(ulaw.AsMemory(offset, Math.Min(160, ulaw.Length - offset)), "audio/pcmu")));
        }

        RealtimeServerMessage? done = null;
        for (int i = 0; i < 2000 && done is null; i++)
        {
            await driver.Session.SendAsync(new InputAudioBufferAppendRealtimeClientMessage(new DataContent(silence, "audio/pcmu")));
            done = driver.Find(m => m.Type == RealtimeServerMessageType.ResponseDone);
            await Task.Delay(1);
        }

        Assert.True(done is not null, string.Join(", ", driver.Messages.Select(TypeOf)));
        var transcript = (InputAudioTranscriptionRealtimeServerMessage)driver.Find(m => m.Type == RealtimeServerMessageType.InputAudioTranscriptionCompleted)!;
        // Narrow-band speech costs the recogniser accuracy ("opening hours" can come out as "opinion"), as it does on real phones.
        Assert.True(SpeechAudio.CountWords(transcript.Transcription!, "what", "are", "your", "opening", "hours") >= 3, $"heard '{transcript.Transcription}'");
        byte[] reply = driver.AudioOf(((ResponseCreatedRealtimeServerMessage)done).ResponseId!);
        var pcm = new short[reply.Length];
        Voxgate.Audio.G711.DecodeMuLaw(reply, pcm);
        Assert.True(reply.Length > 8000, "under a second of µ-law reply");
        Assert.True(pcm.Max(s => Math.Abs((int)s)) > 3000, "the µ-law reply is silent");
    }

    private static string LastTranscript(SessionDriver driver, int from = 0)
        => driver.Messages.Skip(from).OfType<OutputTextAudioRealtimeServerMessage>().LastOrDefault(m => m.Type == RealtimeServerMessageType.OutputAudioTranscriptionDone)?.Text ?? string.Empty;

    private static int IndexOf(SessionDriver driver, string type, int from)
    {
        var messages = driver.Messages;
        for (int i = from; i < messages.Count; i++)
        {
            if (TypeOf(messages[i]) == type)
            {
                return i;
            }
        }

        return -1;
    }

    /// <summary>Every message is the typed message its type calls for, with its ids filled in.</summary>
    private static void AssertTyped(IEnumerable<RealtimeServerMessage> messages)
    {
        foreach (RealtimeServerMessage message in messages)
        {
            Assert.False(string.IsNullOrEmpty(message.MessageId));
            Assert.Null(message.RawRepresentation);
            Type expected = TypeOf(message) switch
            {
                "SessionCreated" or "SessionUpdated" => typeof(SessionRealtimeServerMessage),
                "InputAudioBufferSpeechStarted" => typeof(InputAudioBufferSpeechStartedRealtimeServerMessage),
                "InputAudioBufferSpeechStopped" => typeof(InputAudioBufferSpeechStoppedRealtimeServerMessage),
                "InputAudioBufferCommitted" => typeof(InputAudioBufferCommittedRealtimeServerMessage),
                "ConversationItemAdded" or "ConversationItemDone" => typeof(ConversationItemRealtimeServerMessage),
                "ResponseCreated" or "ResponseDone" => typeof(ResponseRealtimeServerMessage),
                "ResponseOutputItemAdded" or "ResponseOutputItemDone" => typeof(ResponseOutputItemRealtimeServerMessage),
                "ResponseContentPartAdded" or "ResponseContentPartDone" => typeof(ResponseContentPartRealtimeServerMessage),
                "OutputAudioDelta" => typeof(OutputAudioDeltaRealtimeServerMessage),
                "OutputAudioDone" or "OutputAudioTranscriptionDelta" or "OutputAudioTranscriptionDone" => typeof(OutputTextAudioRealtimeServerMessage),
                "InputAudioTranscriptionDelta" or "InputAudioTranscriptionCompleted" => typeof(InputAudioTranscriptionRealtimeServerMessage),
                "RateLimitsUpdated" => typeof(RateLimitsUpdatedRealtimeServerMessage),
                string other => throw new Xunit.Sdk.XunitException($"unexpected {other}"),
            };
            Assert.IsType(expected, message);
            if (message is ResponseOutputItemRealtimeServerMessage { Item: var item })
            {
                Assert.IsType<ConversationItemSnapshot>(item);
            }
        }
    }

    private static void AssertInOrder(string[] actual, params string[] expected)
    {
        int at = 0;
        foreach (string type in expected)
        {
            int found = Array.IndexOf(actual, type, at);
            Assert.True(found >= 0, $"{type} missing after position {at} in: {string.Join(", ", actual.Distinct())}");
            at = found + 1;
        }
    }
}
