using System.Runtime.CompilerServices;
using Microsoft.Extensions.AI;
using Voxgate.Realtime.Abstractions;
using Voxgate.Speech.Engine;
using Voxgate.Speech.Tests.TestSupport;
using static Voxgate.Speech.Tests.Engine.SessionDriver;

namespace Voxgate.Speech.Tests.Engine;

/// <summary>
/// Through a real session on flite speech: the answer a reply asks for (in its updates' additional properties) is what
/// the recogniser of the caller's next utterance listens for, and a reply that asks nothing puts it back.
/// </summary>
public sealed class ExpectedAnswerSessionTests : IDisposable
{
    private readonly LocalSpeechEngine _engine = new(new LocalEngineOptions { RecognizerPoolSize = 1 });
    private readonly List<ExpectedAnswer> _started = [];

    public ExpectedAnswerSessionTests() => _engine.Recognizers = new Recording(_engine.Recognizers, _started);

    [Fact]
    public async Task The_utterance_after_a_question_is_listened_to_for_its_answer_and_the_one_after_a_statement_for_anything()
    {
        var brain = new AskingChatClient(
            ("What time would suit you?", ExpectedAnswer.Time),
            ("Ten it is.", null));
        await using var driver = await StartAsync(new LocalRealtimeClient(_engine, brain));

        var perTurn = new List<ExpectedAnswer[]>();
        foreach (string said in (string[])["i'd like an appointment on friday", "at ten please", "thank you"])
        {
            int mark = driver.Messages.Count;
            int started = Started().Length;
            await driver.SendSilenceAsync(300);
            await driver.SendAudioAsync(SpeechAudio.Trimmed(await SpeechAudio.SynthesizeAsync(said, "slt", 24000)));
            await driver.SendSilenceUntilAsync(m => m.Type == RealtimeServerMessageType.ResponseDone, from: mark);
            perTurn.Add(Started()[started..]);
        }

        // Each turn's recognisers listen for what the reply before it asked. A turn settled early and resumed (the
        // caller's words went on after a pause) starts a second one, which listens for the same.
        Assert.All(perTurn, starts => Assert.NotEmpty(starts));
        Assert.Equal([ExpectedAnswer.Anything, ExpectedAnswer.Time, ExpectedAnswer.Anything], perTurn.Select(starts => starts.Distinct().Single()));
        Assert.Contains("ten", brain.Heard[1], StringComparison.Ordinal);
    }

    public void Dispose() => _engine.Dispose();

    private ExpectedAnswer[] Started()
    {
        lock (_started)
        {
            return [.. _started];
        }
    }

    /// <summary>Replies in turn with the given words, each update saying the answer it expects (or nothing).</summary>
    private sealed class AskingChatClient(params (string Text, ExpectedAnswer? Expects)[] replies) : IChatClient
    {
        private int _turn;

        public List<string> Heard { get; } = [];

        public Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
            => throw new NotSupportedException("The engine streams.");

        public async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(
            IEnumerable<ChatMessage> messages, ChatOptions? options = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
        {
            await Task.Yield();
            lock (Heard)
            {
                Heard.Add(messages.Last(m => m.Role == ChatRole.User).Text);
            }

            (string text, ExpectedAnswer? expects) = replies[Math.Min(Interlocked.Increment(ref _turn) - 1, replies.Length - 1)];
            yield return new ChatResponseUpdate(ChatRole.Assistant, text)
            {
                AdditionalProperties = expects is { } answer ? new() { [ExpectedAnswers.PropertyName] = answer } : null,
            };
        }

        public object? GetService(Type serviceType, object? serviceKey = null) => null;

        public void Dispose()
        {
        }
    }

    /// <summary>The engine's recognisers, noting what each utterance was started listening for.</summary>
    private sealed class Recording(IUtteranceRecognizerSource inner, List<ExpectedAnswer> started) : IUtteranceRecognizerSource
    {
        public async ValueTask<IUtteranceRecognizer> RentAsync(CancellationToken cancellationToken)
            => new Noting(await inner.RentAsync(cancellationToken), started);

        private sealed class Noting(IUtteranceRecognizer recognizer, List<ExpectedAnswer> started) : IUtteranceRecognizer
        {
            public string? PartialHypothesis => recognizer.PartialHypothesis;

            public float[]? ChannelState => recognizer.ChannelState;

            public void AdaptTo(float[] channelState) => recognizer.AdaptTo(channelState);

            public void Start(ExpectedAnswer expected)
            {
                lock (started)
                {
                    started.Add(expected);
                }

                recognizer.Start(expected);
            }

            public void Accept(ReadOnlySpan<short> pcm16k) => recognizer.Accept(pcm16k);

            public string Finish() => recognizer.Finish();

            public void Dispose() => recognizer.Dispose();
        }
    }
}
