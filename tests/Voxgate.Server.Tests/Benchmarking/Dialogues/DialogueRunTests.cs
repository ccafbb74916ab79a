using System.Runtime.CompilerServices;
using System.Threading.Channels;
using Microsoft.Extensions.AI;
using Voxgate.Server.Benchmarking.Dialogues;
using Voxgate.Speech.Brain;
using Voxgate.Speech.Synthesis;

namespace Voxgate.Server.Tests.Benchmarking.Dialogues;

/// <summary>
/// Where the simulated caller's lines fall in the audio it streams. The engine frames input for VAD on a fixed grid and
/// the recogniser hears a turn from the frame its speech was found in, so a line's place on that grid changes what
/// is heard; it must come from the script, not from how long the reply took (wall-clock time on a busy machine).
/// </summary>
public sealed class DialogueRunTests
{
    [Fact]
    public void The_frame_grid_is_the_engines_VAD_frame_at_the_callers_rate()
        => Assert.Equal(768, DialogueRun.FrameGridSamples);   // 512 samples at 16 kHz, from 24 kHz

    [Theory]
    [InlineData(0L)]
    [InlineData(1L)]
    [InlineData(767L)]
    [InlineData(768L)]
    [InlineData(7200L)]
    [InlineData(123_457L)]
    public void A_lead_in_puts_the_line_at_its_scripts_place_on_the_grid_whatever_came_before(long sent)
    {
        int lead = DialogueRun.LeadInSamples(sent, "t16-name-first", 3);

        Assert.InRange(lead, 0, DialogueRun.FrameGridSamples - 1);
        Assert.Equal(DialogueRun.LeadInSamples(0, "t16-name-first", 3), (sent + lead) % DialogueRun.FrameGridSamples);
    }

    [Fact]
    public void The_lines_of_a_call_fall_at_different_places_on_the_grid()
    {
        int[] phases = [.. Enumerable.Range(0, 12).Select(turn => DialogueRun.LeadInSamples(0, "d02-day-then-time", turn))];

        Assert.True(phases.Distinct().Count() >= 8, string.Join(", ", phases));
    }

    [Fact]
    public async Task Each_line_starts_at_the_same_place_on_the_grid_however_long_the_replies_took()
    {
        IReadOnlyList<long> quick = await LineStartsAsync(replyAfterSilentFrames: [1, 1, 1]);
        IReadOnlyList<long> slow = await LineStartsAsync(replyAfterSilentFrames: [13, 41, 7]);

        Assert.Equal(2, quick.Count);
        Assert.Equal(quick.Select(Phase), slow.Select(Phase));
        Assert.NotEqual(quick, slow);   // the replies did take different times
    }

    private static long Phase(long start) => start % DialogueRun.FrameGridSamples;

    /// <summary>Runs a two-line script against a session that answers each line after that many frames of silence.</summary>
    private static async Task<IReadOnlyList<long>> LineStartsAsync(int[] replyAfterSilentFrames)
    {
        var script = new DialogueScript("d02-day-then-time", Speaker.Clear("slt"), ["hello i need an appointment", "wednesday"]);
        var options = new ReceptionistOptions();
        using var flite = new FliteTextToSpeechClient();
        using var client = new ScriptedReplies(replyAfterSilentFrames);
        await new DialogueRun(client, flite, script, new InMemoryAppointmentBook(options), new DateOnly(2026, 11, 23))
            .RunAsync(CancellationToken.None);
        return client.Session!.LineStarts;
    }

    /// <summary>A realtime client whose session hears where each line starts and replies "goodbye" once it has had some silence.</summary>
    private sealed class ScriptedReplies(int[] replyAfterSilentFrames) : IRealtimeClient
    {
        public Session? Session { get; private set; }

        public Task<IRealtimeClientSession> CreateSessionAsync(RealtimeSessionOptions? options = null, CancellationToken cancellationToken = default)
        {
            Session = new Session(replyAfterSilentFrames);
            return Task.FromResult<IRealtimeClientSession>(Session);
        }

        public object? GetService(Type serviceType, object? serviceKey = null) => null;

        public void Dispose()
        {
        }
    }

    private sealed class Session(int[] replyAfterSilentFrames) : IRealtimeClientSession
    {
        private readonly Channel<RealtimeServerMessage> _out = Channel.CreateUnbounded<RealtimeServerMessage>();
        private readonly List<long> _lineStarts = [];
        private long _samples;
        private bool _speaking;
        private int _silentFrames;

        public IReadOnlyList<long> LineStarts => _lineStarts;

        public RealtimeSessionOptions? Options => null;

        public Task SendAsync(RealtimeClientMessage message, CancellationToken cancellationToken = default)
        {
            if (message is not InputAudioBufferAppendRealtimeClientMessage { Content: { } audio })
            {
                return Task.CompletedTask;
            }

            ReadOnlySpan<byte> bytes = audio.Data.Span;
            bool silent = !bytes.ContainsAnyExcept((byte)0);
            if (!silent && !_speaking)
            {
                _lineStarts.Add(_samples);
                _speaking = true;
                _silentFrames = 0;
            }
            else if (silent && _speaking && ++_silentFrames == replyAfterSilentFrames[_lineStarts.Count - 1])
            {
                _speaking = false;
                Reply($"resp_{_lineStarts.Count}");
            }

            _samples += bytes.Length / 2;
            return Task.CompletedTask;
        }

        public async IAsyncEnumerable<RealtimeServerMessage> GetStreamingResponseAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
        {
            await foreach (RealtimeServerMessage message in _out.Reader.ReadAllAsync(cancellationToken))
            {
                yield return message;
            }
        }

        public object? GetService(Type serviceType, object? serviceKey = null) => null;

        public ValueTask DisposeAsync()
        {
            _out.Writer.TryComplete();
            return ValueTask.CompletedTask;
        }

        private void Reply(string responseId)
        {
            _out.Writer.TryWrite(new ResponseCreatedRealtimeServerMessage(RealtimeServerMessageType.ResponseCreated) { ResponseId = responseId });
            _out.Writer.TryWrite(new OutputTextAudioRealtimeServerMessage(RealtimeServerMessageType.OutputAudioTranscriptionDone) { ResponseId = responseId, Text = "Thank you, goodbye." });
            _out.Writer.TryWrite(new ResponseCreatedRealtimeServerMessage(RealtimeServerMessageType.ResponseDone) { ResponseId = responseId });
        }
    }
}
