using Microsoft.Extensions.AI;
using Voxgate.Speech.Brain;
using Voxgate.Speech.Synthesis;

namespace Voxgate.Server.Benchmarking.Dialogues;

/// <summary>
/// Plays one script against a realtime client, as a phone caller would but faster than real time: speaks a line in
/// 20 ms frames, feeds silence until the spoken reply is complete and has "played", then says the next line.
/// </summary>
internal sealed class DialogueRun(IRealtimeClient client, FliteTextToSpeechClient flite, DialogueScript script, InMemoryAppointmentBook book, DateOnly today)
{
    public const int Rate = 24000;
    private const int FrameSamples = Rate / 50;
    private const int SilenceSliceMs = 100;

    // A turn whose reply does not come within this long has failed (wall clock: a busy machine is slower, not wronger).
    private static readonly TimeSpan MaxWait = TimeSpan.FromSeconds(45);

    // Silence is fed ten times faster than real time: fast, but never so far ahead of a loaded machine that the
    // session's clock leaves the recogniser behind.
    private const int SliceDelayMs = 10;
    private const int PauseAfterReplyMs = 400;

    public async Task<IReadOnlyList<DialogueTurn>> RunAsync(CancellationToken cancellationToken)
    {
        var options = new RealtimeSessionOptions { Tools = [.. book.Tools()] };
        IRealtimeClientSession session = await client.CreateSessionAsync(options, cancellationToken).ConfigureAwait(false);
        await using var log = new SessionLog(session);
        var caller = new DialogueCaller(script, today);
        var turns = new List<DialogueTurn>();
        await SendSilenceAsync(session, 300, cancellationToken).ConfigureAwait(false);

        string? reply = null;
        bool repeated = false;
        for (int turn = 0; turn < script.Lines.Count + 8; turn++)
        {
            string? line = caller.Next(reply);
            if (line is null)
            {
                break;
            }

            int mark = log.Count;
            short[] speech = await SpeechFor(line, cancellationToken).ConfigureAwait(false);
            await SendAudioAsync(session, speech, cancellationToken).ConfigureAwait(false);
            (string heard, string said, _) = await WaitForReplyAsync(session, log, mark, cancellationToken).ConfigureAwait(false);
            turns.Add(new DialogueTurn(line, heard, said));
            if (said.Length == 0)
            {
                if (repeated)
                {
                    break;
                }

                // Nothing came back: a caller says it again, once.
                repeated = true;
                caller.Again(line);
                continue;
            }

            repeated = false;
            reply = said;
            if (caller.Finished)
            {
                break;
            }
        }

        return turns;
    }

    private async Task<short[]> SpeechFor(string line, CancellationToken cancellationToken)
    {
        var options = new TextToSpeechOptions
        {
            VoiceId = script.Speaker.Voice,
            Speed = script.Speaker.Speed,
            AdditionalProperties = new() { [FliteTextToSpeechClient.SampleRatePropertyName] = Rate },
        };
        TextToSpeechResponse response = await flite.GetAudioAsync(line, options, cancellationToken).ConfigureAwait(false);
        short[] samples = SpeechClips.TrimSilence(Voxgate.Audio.Pcm16.AsSamples(response.Contents.OfType<DataContent>().Single().Data.Span).ToArray());
        return script.Speaker.Mumbled ? Mumble(samples, line.Length) : samples;
    }

    /// <summary>9 dB quieter over a faint noise floor (−50 dBFS), the same noise for the same line.</summary>
    private static short[] Mumble(short[] samples, int seed)
    {
        var random = new Random(seed);
        double noise = Math.Pow(10, -50 / 20.0) * 32768 * Math.Sqrt(3);
        var result = new short[samples.Length];
        for (int i = 0; i < samples.Length; i++)
        {
            double value = (samples[i] * 0.35) + ((random.NextDouble() * 2 - 1) * noise);
            result[i] = (short)Math.Clamp(Math.Round(value), short.MinValue, short.MaxValue);
        }

        return result;
    }

    /// <summary>
    /// Feeds silence until a response with words is done and has played out; returns what was heard, the words and
    /// their audio length. A line the detector split in two gets two turns from the engine: the reply kept is the one
    /// standing once everything has settled.
    /// </summary>
    private static async Task<(string Heard, string Said, int AudioMs)> WaitForReplyAsync(IRealtimeClientSession session, SessionLog log, int mark, CancellationToken cancellationToken)
    {
        long started = System.Diagnostics.Stopwatch.GetTimestamp();
        while (System.Diagnostics.Stopwatch.GetElapsedTime(started) < MaxWait)
        {
            if (log.SpokenReplyAfter(mark) is { } done)
            {
                // Let the reply play out before speaking again, as a caller would; talking over it would be a barge-in.
                await FeedSilenceAsync(session, done.AudioMs + PauseAfterReplyMs, cancellationToken).ConfigureAwait(false);
                if (log.SpokenReplyAfter(mark) is { } settled)
                {
                    return (log.TranscriptAfter(mark), settled.Text, settled.AudioMs);
                }

                continue;
            }

            await SendSilenceAsync(session, SilenceSliceMs, cancellationToken).ConfigureAwait(false);
            await Task.Delay(SliceDelayMs, cancellationToken).ConfigureAwait(false);
        }

        return (log.TranscriptAfter(mark), "", 0);
    }

    /// <summary>Silence in slices, paced as <see cref="SliceDelayMs"/> says.</summary>
    private static async Task FeedSilenceAsync(IRealtimeClientSession session, int milliseconds, CancellationToken cancellationToken)
    {
        for (int fed = 0; fed < milliseconds; fed += SilenceSliceMs)
        {
            await SendSilenceAsync(session, SilenceSliceMs, cancellationToken).ConfigureAwait(false);
            await Task.Delay(SliceDelayMs, cancellationToken).ConfigureAwait(false);
        }
    }

    private static Task SendSilenceAsync(IRealtimeClientSession session, int milliseconds, CancellationToken cancellationToken) =>
        SendAudioAsync(session, new short[Rate * milliseconds / 1000], cancellationToken);

    private static async Task SendAudioAsync(IRealtimeClientSession session, short[] samples, CancellationToken cancellationToken)
    {
        for (int offset = 0; offset < samples.Length; offset += FrameSamples)
        {
            int n = Math.Min(FrameSamples, samples.Length - offset);
            byte[] bytes = new byte[n * 2];
            Buffer.BlockCopy(samples, offset * 2, bytes, 0, bytes.Length);
            await session.SendAsync(new InputAudioBufferAppendRealtimeClientMessage(new DataContent(bytes, "audio/pcm")), cancellationToken).ConfigureAwait(false);
        }
    }
}
