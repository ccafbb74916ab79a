using System.Runtime.CompilerServices;
using Microsoft.Extensions.AI;
using Voxgate.Realtime.Abstractions;
using Voxgate.Speech.Engine;
using Voxgate.Speech.Synthesis;
using Voxgate.Speech.Tests.TestSupport;
using static Voxgate.Speech.Tests.Engine.SessionDriver;

namespace Voxgate.Speech.Tests.Engine;

/// <summary>
/// The reply ready when the silence window closes, through the real engine on flite speech fed faster than real time:
/// prepared while the window runs, sent with the commit in OpenAI's order, thrown away when the turn goes on.
/// </summary>
/// <remarks>
/// The caller is silent past the pause (250 ms into the 500 ms window) and the test waits there until the brain has
/// been asked: the engine prepares on its own clock, and fed faster than real time the window would close first.
/// </remarks>
[Collection(SharedEngine.Name)]
public sealed class PreemptiveGenerationTests(EngineFixture fixture)
{
    // Past the pause, short of the window, whatever frame VAD hears the silence begin in.
    private const int PauseMs = 380;

    private LocalRealtimeClient Client(IChatClient brain, int leadMs = 250) => new(fixture.Engine, brain, new EngineLimits { PreemptiveLeadMs = leadMs });

    private static async Task<short[]> Speech(string text) => SpeechAudio.Trimmed(await SpeechAudio.SynthesizeAsync(text, "slt", 24000));

    [Fact]
    public async Task A_reply_prepared_in_the_window_goes_out_with_the_commit_in_the_usual_order_saying_what_flite_says()
    {
        var brain = new RecordingChatClient("We open at nine. We close at five.");
        await using var driver = await StartAsync(Client(brain));
        await driver.SendSilenceAsync(300);
        await driver.SendAudioAsync(await Speech("what are your opening hours"));
        await driver.SendSilenceAsync(PauseMs);
        await brain.WaitForRequestsAsync(1);
        Assert.Null(driver.Find(m => TypeOf(m) == "InputAudioBufferSpeechStopped"));

        var done = (ResponseRealtimeServerMessage)await driver.SendSilenceUntilAsync(m => m.Type == RealtimeServerMessageType.ResponseDone);
        Assert.Equal("completed", done.Status);

        // The one reply is the prepared one, and it answered the words the turn was committed with.
        Assert.Single(brain.Requests);
        Assert.Equal((1, 1, 0), Preemption(driver));
        string transcript = Transcript(driver);
        Assert.Contains("opening hours", transcript, StringComparison.Ordinal);
        Assert.Equal(transcript, brain.Requests[0][^1].Text);

        // Every audio delta is the reply's, and together they are flite's audio for its sentences (to the step: see AssertSameSpeech).
        Assert.All(driver.Messages.OfType<OutputAudioDeltaRealtimeServerMessage>(), d => Assert.Equal(done.ResponseId, d.ResponseId));
        SpeechAudio.AssertSameSpeech(await SpokenAsync(driver, done.ResponseId!), driver.AudioOf(done.ResponseId!));

        // Event for event, the order of a session that waits for the window.
        var waiting = new RecordingChatClient("We open at nine. We close at five.");
        await using var plain = await StartAsync(Client(waiting, leadMs: 0));
        await plain.SendSilenceAsync(300);
        await plain.SendAudioAsync(await Speech("what are your opening hours"));
        await plain.SendSilenceUntilAsync(m => m.Type == RealtimeServerMessageType.ResponseDone);
        Assert.Equal((0, 0, 0), Preemption(plain));
        Assert.Equal(Order(plain), Order(driver));
        Assert.Equal(Transcript(plain), transcript);
    }

    [Fact]
    public async Task A_caller_who_speaks_again_inside_the_window_throws_the_prepared_reply_away_and_is_answered_for_all_they_said()
    {
        var brain = new RecordingChatClient("Noted.");
        await using var driver = await StartAsync(Client(brain));
        await driver.SendSilenceAsync(300);
        await driver.SendAudioAsync(await Speech("what are your opening hours"));
        await driver.SendSilenceAsync(PauseMs);
        await brain.WaitForRequestsAsync(1);

        // The caller goes on: the words differ now, and the turn ends only after them.
        await driver.SendAudioAsync(await Speech("on saturday"));
        await driver.SendSilenceAsync(PauseMs);
        await brain.WaitForRequestsAsync(2);
        var done = (ResponseRealtimeServerMessage)await driver.SendSilenceUntilAsync(m => m.Type == RealtimeServerMessageType.ResponseDone);

        string transcript = Transcript(driver);
        Assert.Contains("saturday", transcript, StringComparison.Ordinal);
        Assert.DoesNotContain("saturday", brain.Requests[0][^1].Text, StringComparison.Ordinal);
        Assert.Equal(transcript, brain.Requests[1][^1].Text);
        Assert.Equal((2, 1, 1), Preemption(driver));

        // Nothing of the reply thrown away was ever seen: one turn, one response, its audio only.
        Assert.Single(driver.Messages, m => TypeOf(m) == "InputAudioBufferSpeechStopped");
        Assert.Single(driver.Messages, m => TypeOf(m) == "ResponseCreated");
        Assert.All(driver.Messages.OfType<OutputAudioDeltaRealtimeServerMessage>(), d => Assert.Equal(done.ResponseId, d.ResponseId));

        // The words are those of a session that never settled them early.
        await using var plain = await StartAsync(Client(new RecordingChatClient("Noted."), leadMs: 0));
        await plain.SendSilenceAsync(300);
        await plain.SendAudioAsync(await Speech("what are your opening hours"));
        await plain.SendSilenceAsync(PauseMs);
        await plain.SendAudioAsync(await Speech("on saturday"));
        await plain.SendSilenceUntilAsync(m => m.Type == RealtimeServerMessageType.ResponseDone);
        Assert.Equal(Transcript(plain), transcript);
    }

    [Theory]
    [InlineData("item")]
    [InlineData("instructions")]
    public async Task A_reply_prepared_for_a_conversation_that_changed_in_the_window_is_made_again(string change)
    {
        var brain = new RecordingChatClient("Noted.");
        await using var driver = await StartAsync(Client(brain), new RealtimeSessionOptions { Instructions = "Be brief." });
        await driver.SendSilenceAsync(300);
        await driver.SendAudioAsync(await Speech("what are your opening hours"));
        await driver.SendSilenceAsync(PauseMs);
        await brain.WaitForRequestsAsync(1);

        int mark = driver.Messages.Count;
        if (change == "item")
        {
            await driver.Session.SendAsync(new CreateConversationItemRealtimeClientMessage(new RealtimeConversationItem([new TextContent("my name is sam")], "item_typed", ChatRole.User)));
            await driver.WaitForTypeAsync("ConversationItemDone", mark);
        }
        else
        {
            await driver.Session.SendAsync(new SessionUpdateRealtimeClientMessage(new RealtimeSessionOptions { Instructions = "Be kind." }));
            await driver.WaitForTypeAsync("SessionUpdated", mark);
        }

        await driver.SendSilenceUntilAsync(m => m.Type == RealtimeServerMessageType.ResponseDone);
        Assert.Equal(2, brain.Requests.Count);
        Assert.Equal((1, 0, 1), Preemption(driver));
        IReadOnlyList<ChatMessage> asked = brain.Requests[1];
        Assert.Equal(change == "item" ? "my name is sam" : "Be kind.", change == "item" ? asked[1].Text : asked[0].Text);
        Assert.Equal(Transcript(driver), asked[^1].Text);
    }

    [Fact]
    public async Task A_tool_runs_only_for_the_turn_the_caller_really_ended()
    {
        SessionDriver? driver = null;
        var runs = new List<(string Heard, bool Committed)>();
        AIFunction lookup = AIFunctionFactory.Create(
            (string heard) =>
            {
                bool committed = driver!.Find(m => TypeOf(m) == "InputAudioTranscriptionCompleted") is not null;
                lock (runs)
                {
                    runs.Add((heard, committed));
                }

                return new { found = true };
            },
            "lookup",
            "Looks up what the caller said.");
        var brain = new ToolCallingBrain();
        IRealtimeClient client = Client(brain).AsBuilder().UseFunctionInvocation().Build();
        driver = await StartAsync(client, new RealtimeSessionOptions { Tools = [lookup] });
        await using (driver)
        {
            await driver.SendSilenceAsync(300);
            await driver.SendAudioAsync(await Speech("what are your opening hours"));
            await driver.SendSilenceAsync(PauseMs);
            await brain.WaitForRequestsAsync(1);

            // A prepared reply that would call the tool: the caller goes on before the window closes.
            await Task.Delay(200);
            await driver.SendAudioAsync(await Speech("on saturday"));
            await driver.SendSilenceAsync(PauseMs);
            await brain.WaitForRequestsAsync(2);
            await driver.SendSilenceUntilAsync(m => IsResponseDoneSaying(m, "Done"));

            string transcript = Transcript(driver);
            Assert.Contains("saturday", transcript, StringComparison.Ordinal);
            Assert.Equal([(transcript, true)], runs);
            Assert.DoesNotContain("saturday", brain.Requests[0][^1].Text, StringComparison.Ordinal);
            Assert.Equal((2, 1, 1), Preemption(driver));

            // The adopted reply's text, then its call, then the tool's answer in a response of its own.
            AssertInOrder(
                [.. driver.Messages.Select(TypeOf)],
                "InputAudioBufferCommitted", "InputAudioTranscriptionCompleted", "ResponseCreated", "OutputAudioTranscriptionDelta", "OutputAudioDelta",
                "ResponseFunctionCallArgumentsDone", "ResponseDone", "ConversationItemAdded", "ResponseCreated", "ResponseDone");
        }
    }

    private static (int, int, int) Preemption(SessionDriver driver)
        => ((LocalRealtimeSession)driver.Session.GetService(typeof(LocalRealtimeSession))!).Preemption;

    private static string Transcript(SessionDriver driver)
        => ((InputAudioTranscriptionRealtimeServerMessage)driver.Find(m => m.Type == RealtimeServerMessageType.InputAudioTranscriptionCompleted)!).Transcription!;

    /// <summary>The types of what the session said, but the recogniser's partial words, which depend on how far it had decoded.</summary>
    private static string[] Order(SessionDriver driver)
        => [.. driver.Messages.Where(m => m.Type != RealtimeServerMessageType.InputAudioTranscriptionDelta).Select(TypeOf)];

    private static void AssertInOrder(string[] actual, params string[] expected)
    {
        int at = 0;
        foreach (string type in expected)
        {
            int found = Array.IndexOf(actual, type, at);
            Assert.True(found >= 0, $"{type} missing after position {at} in: {string.Join(", ", actual)}");
            at = found + 1;
        }
    }

    /// <summary>flite's own PCM16 for each sentence the response spoke, as its transcript deltas give them.</summary>
    private async Task<byte[]> SpokenAsync(SessionDriver driver, string responseId)
    {
        var options = new TextToSpeechOptions { VoiceId = "slt", AdditionalProperties = new() { [FliteTextToSpeechClient.SampleRatePropertyName] = 24000 } };
        var audio = new List<byte>();
        foreach (OutputTextAudioRealtimeServerMessage sentence in driver.Messages.OfType<OutputTextAudioRealtimeServerMessage>()
            .Where(m => m.Type == RealtimeServerMessageType.OutputAudioTranscriptionDelta && m.ResponseId == responseId))
        {
            TextToSpeechResponse spoken = await fixture.Engine.Speech.GetAudioAsync(sentence.Text!.Trim(), options);
            audio.AddRange(Assert.IsType<DataContent>(Assert.Single(spoken.Contents)).Data.ToArray());
        }

        Assert.NotEmpty(audio);
        return [.. audio];
    }

    /// <summary>A brain that says a sentence and then calls <c>lookup</c> with what it heard; after the tool's answer, "Done."</summary>
    private sealed class ToolCallingBrain : IChatClient
    {
        private readonly RecordingChatClient _requests = new();

        public IReadOnlyList<IReadOnlyList<ChatMessage>> Requests => _requests.Requests;

        public Task WaitForRequestsAsync(int count) => _requests.WaitForRequestsAsync(count);

        public Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
            => throw new NotSupportedException();

        public async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(
            IEnumerable<ChatMessage> messages, ChatOptions? options = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
        {
            List<ChatMessage> history = [.. messages];
            await foreach (ChatResponseUpdate _ in _requests.GetStreamingResponseAsync(history, options, cancellationToken))
            {
            }

            if (history[^1].Role == ChatRole.Tool)
            {
                yield return new ChatResponseUpdate(ChatRole.Assistant, "Done.");
                yield break;
            }

            yield return new ChatResponseUpdate(ChatRole.Assistant, "Let me check that. ");
            yield return new ChatResponseUpdate(ChatRole.Assistant, [new FunctionCallContent(Guid.NewGuid().ToString("N"), "lookup", new Dictionary<string, object?> { ["heard"] = history[^1].Text })]);
        }

        public object? GetService(Type serviceType, object? serviceKey = null) => null;

        public void Dispose()
        {
        }
    }
}
