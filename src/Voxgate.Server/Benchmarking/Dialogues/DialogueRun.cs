using Microsoft.Extensions.AI;
using Voxgate.Speech.Brain;
using Voxgate.Speech.Engine;
using Voxgate.Speech.Synthesis;

namespace Voxgate.Server.Benchmarking.Dialogues;

/// <summary>
/// Plays one script against a realtime client, as a phone caller would but faster than real time: speaks a line in
/// 20 ms frames, feeds silence until the spoken reply is complete and has "played", then says the next line.
/// </summary>
/// <remarks>
/// How much silence comes before a line depends on how soon the reply came, which is wall-clock time; so each line
/// is started where its script puts it on the engine's VAD frame grid (<see cref="LeadInSamples"/>), not wherever the
/// wait ended. Where a line falls on that grid decides which samples the recogniser gets and how its 10 ms frames
/// fall on the speech, which changes what it hears; without this, two runs of one build on one machine differed by
/// a dialogue or two out of 16.
/// </remarks>
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

    /// <summary>
    /// The engine's VAD frame (512 samples at 16 kHz) at this rate: 768 samples, also a whole number of the 3 : 2
    /// resampler's period, so a line that starts on a multiple of it starts on the same sample of a frame.
    /// </summary>
    internal const int FrameGridSamples = Rate * InputAudioPipeline.VadFrameSamples / InputAudioPipeline.EngineRate;

    private long _sent;

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
            await SendAudioAsync(session, new short[LeadInSamples(_sent, script.Id, turn)], cancellationToken).ConfigureAwait(false);
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

    /// <summary>
    /// The silence that puts the start of turn <paramref name="turn"/>'s line, after <paramref name="sent"/> samples,
    /// at the place on the frame grid its script and turn give it: under one frame, the same for the same script and
    /// turn in every run whatever the wait before it, and spread over the frame from one line to the next as a
    /// caller's speech would be.
    /// </summary>
    internal static int LeadInSamples(long sent, string scriptId, int turn)
    {
        // FNV-1a over the script's id and the turn: string.GetHashCode differs from one process to the next.
        uint hash = 2166136261;
        foreach (char c in scriptId)
        {
            hash = (hash ^ c) * 16777619;
        }

        hash = (hash ^ (uint)turn) * 16777619;
        long phase = hash % FrameGridSamples;
        return (int)(((phase - sent) % FrameGridSamples + FrameGridSamples) % FrameGridSamples);
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
    private async Task<(string Heard, string Said, int AudioMs)> WaitForReplyAsync(IRealtimeClientSession session, SessionLog log, int mark, CancellationToken cancellationToken)
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
    private async Task FeedSilenceAsync(IRealtimeClientSession session, int milliseconds, CancellationToken cancellationToken)
    {
        for (int fed = 0; fed < milliseconds; fed += SilenceSliceMs)
        {
            await SendSilenceAsync(session, SilenceSliceMs, cancellationToken).ConfigureAwait(false);
            await Task.Delay(SliceDelayMs, cancellationToken).ConfigureAwait(false);
        }
    }

    private Task SendSilenceAsync(IRealtimeClientSession session, int milliseconds, CancellationToken cancellationToken) =>
        SendAudioAsync(session, new short[Rate * milliseconds / 1000], cancellationToken);

    private async Task SendAudioAsync(IRealtimeClientSession session, short[] samples, CancellationToken cancellationToken)
    {
        _sent += samples.Length;
        for (int offset = 0; offset < samples.Length; offset += FrameSamples)
        {
            int n = Math.Min(FrameSamples, samples.Length - offset);
            byte[] bytes = new byte[n * 2];
            Buffer.BlockCopy(samples, offset * 2, bytes, 0, bytes.Length);
            await session.SendAsync(new InputAudioBufferAppendRealtimeClientMessage(new DataContent(bytes, "audio/pcm")), cancellationToken).ConfigureAwait(false);
        }
    }
}
