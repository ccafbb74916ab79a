using System.Threading.Channels;
using Voxgate.Speech.Engine;

namespace Voxgate.Speech.Tests.Engine;

/// <summary>The answer the agent asked for reaches the recogniser of the caller's next utterance, and of its re-decode.</summary>
public sealed class ExpectedAnswerListeningTests
{
    [Fact]
    public async Task Each_utterance_is_started_listening_for_the_answer_it_was_begun_with_and_a_resumed_one_for_the_same()
    {
        var source = new SpySource();
        var signals = Channel.CreateUnbounded<EngineSignal>();
        await using (var worker = new RecognitionWorker(source, s => signals.Writer.WriteAsync(s)))
        {
            worker.Begin("item_1", ExpectedAnswer.Name);
            worker.Audio("item_1", new short[1600]);
            worker.Settle("item_1", generation: 1);
            worker.Resume("item_1");
            worker.End("item_1");
            worker.Begin("item_2");
            worker.End("item_2");
            worker.Begin("item_3", ExpectedAnswer.YesOrNo);
            worker.End("item_3");

            // Waits for the events, with a bound so that a lost final fails the test instead of hanging it.
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            var finals = new List<string>();
            while (finals.Count < 3)
            {
                if (await signals.Reader.ReadAsync(timeout.Token) is RecognitionFinal final)
                {
                    finals.Add(final.ItemId);
                }
            }

            Assert.Equal(["item_1", "item_2", "item_3"], finals);
        }

        Assert.Equal([ExpectedAnswer.Name, ExpectedAnswer.Name, ExpectedAnswer.Anything, ExpectedAnswer.YesOrNo], source.Started);
    }

    private sealed class SpySource : IUtteranceRecognizerSource
    {
        private readonly List<ExpectedAnswer> _started = [];

        public IReadOnlyList<ExpectedAnswer> Started
        {
            get
            {
                lock (_started)
                {
                    return [.. _started];
                }
            }
        }

        public ValueTask<IUtteranceRecognizer> RentAsync(CancellationToken cancellationToken) => ValueTask.FromResult<IUtteranceRecognizer>(new Spy(this));

        private sealed class Spy(SpySource source) : IUtteranceRecognizer
        {
            public string? PartialHypothesis => null;

            public float[]? ChannelState => null;

            public void AdaptTo(float[] channelState)
            {
            }

            public void Start(ExpectedAnswer expected)
            {
                lock (source._started)
                {
                    source._started.Add(expected);
                }
            }

            public void Accept(ReadOnlySpan<short> pcm16k)
            {
            }

            public string Finish() => "heard";

            public void Dispose()
            {
            }
        }
    }
}
