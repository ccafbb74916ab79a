using System.Diagnostics;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;
using Voxgate.Realtime.Abstractions;
using Voxgate.Speech;
using Voxgate.Speech.Brain;
using Voxgate.Speech.Engine;

namespace Voxgate.Server.Benchmarking;

/// <summary>
/// N concurrent conversations with the real local engine, in process, fed flite speech and silence in real time
/// (one 20 ms frame per session per tick), measuring response latency, whether the sessions keep up, CPU and memory.
/// </summary>
/// <remarks>
/// Response latency = first reply audio − the moment the last voiced frame was sent − <c>silence_duration_ms</c>:
/// what a caller waits beyond the silence the turn detector must hear. Its parts are reported too: the VAD's own
/// delay (speech_stopped), recognition finish (transcript) and the reply's start (brain + first synthesis).
/// </remarks>
internal static class EngineLoadTest
{
    private const int GraceSeconds = 20;

    /// <param name="settings">The run.</param>
    /// <param name="loggerFactory">Where the sessions log (the engine's debug events trace a run); null for nowhere.</param>
    /// <param name="cancellationToken">Stops the run.</param>
    public static async Task<LoadTestResult> RunAsync(LoadTestSettings settings, ILoggerFactory? loggerFactory, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var options = new LocalEngineOptions
        {
            RecognizerPoolSize = settings.RecognizerPoolSize,
            Voice = settings.Voice,
            LanguageModel = settings.LanguageModel,
        };
        using var engine = new LocalSpeechEngine(options);
        await engine.WarmUpAsync(settings.RecognizerPoolSize, cancellationToken).ConfigureAwait(false);
        using var brain = new ReceptionistChatClient();
        using var client = new LocalRealtimeClient(engine, brain, new EngineLimits { PreemptiveLeadMs = settings.PreemptiveLeadMs }, loggerFactory);

        var prompts = new List<short[]>();
        foreach (string prompt in LoadTestSettings.Prompts)
        {
            short[] speech = await SpeechClips.SynthesizeAsync(engine.Speech, prompt, settings.Voice, SimulatedCaller.Rate, cancellationToken).ConfigureAwait(false);
            prompts.Add(SpeechClips.TrimSilence(speech));
        }

        // One turn, unmeasured, as the server warms up: the JIT, the pools and the native libraries are warm.
        await client.WarmUpTurnAsync(cancellationToken).ConfigureAwait(false);
        (long baseWorkingSet, long baseHeap) = MeasureMemory();

        // Callers start spread over three seconds, as calls would, each at a different prompt.
        var callers = new List<SimulatedCaller>();
        for (int i = 0; i < settings.Sessions; i++)
        {
            IRealtimeClientSession session = await client.CreateSessionAsync(SessionOptions(settings), cancellationToken).ConfigureAwait(false);
            callers.Add(new SimulatedCaller(session, prompts, i, i * 3000 / settings.Sessions));
        }

        var cpu = new CpuMeter();
        List<double> lateness = await FeedAsync(callers, settings.Duration, cancellationToken).ConfigureAwait(false);
        double processCores = cpu.ProcessCores();
        double machineCores = cpu.MachineCores();
        (long workingSet, long heap) = MeasureMemory();

        CallerTurn[] turns = [.. callers.SelectMany(c => c.Turns)];
        foreach (SimulatedCaller caller in callers)
        {
            await caller.DisposeAsync().ConfigureAwait(false);
        }

        double silence = settings.SilenceDurationMs;
        CallerTurn[] answered = [.. turns.Where(t => t.FirstAudioAt != 0)];
        return new LoadTestResult(
            settings,
            turns.Length,
            answered.Length,
            turns.Count(t => !string.IsNullOrWhiteSpace(t.Transcript)),
            Percentiles.Of(answered.Select(t => Ms(t.LastVoicedSentAt, t.FirstAudioAt) - silence)),
            Percentiles.Of(turns.Where(t => t.SpeechStoppedAt != 0).Select(t => Ms(t.LastVoicedSentAt, t.SpeechStoppedAt) - silence)),
            Percentiles.Of(turns.Where(t => t.SpeechStoppedAt != 0 && t.TranscribedAt != 0).Select(t => Ms(t.SpeechStoppedAt, t.TranscribedAt))),
            Percentiles.Of(answered.Where(t => t.TranscribedAt != 0).Select(t => Ms(t.TranscribedAt, t.FirstAudioAt))),
            Percentiles.Of(lateness),
            turns.Sum(t => t.Underruns),
            turns.Sum(t => t.UnderrunMs),
            processCores,
            machineCores,
            (workingSet - baseWorkingSet) / 1048576.0 / settings.Sessions,
            (heap - baseHeap) / 1048576.0 / settings.Sessions,
            baseWorkingSet / 1048576.0,
            turns);
    }

    private static RealtimeSessionOptions SessionOptions(LoadTestSettings settings) => new()
    {
        VoiceActivityDetection = new TurnDetectionOptions { SilenceDurationMs = settings.SilenceDurationMs },
    };

    /// <summary>
    /// The one timer of the run: every 20 ms each caller sends its next frame. A late tick is caught up at once
    /// (as a network burst would be); how late each tick ran is the measure of keeping up.
    /// </summary>
    private static async Task<List<double>> FeedAsync(List<SimulatedCaller> callers, TimeSpan duration, CancellationToken cancellationToken)
    {
        var lateness = new List<double>();
        long start = Stopwatch.GetTimestamp();
        long frameTicks = Stopwatch.Frequency * SimulatedCaller.FrameMs / 1000;
        TimeSpan hardStop = duration + TimeSpan.FromSeconds(GraceSeconds);
        for (long tick = 0; ; tick++)
        {
            long due = start + tick * frameTicks;
            TimeSpan wait = Stopwatch.GetElapsedTime(Stopwatch.GetTimestamp(), due);
            if (wait > TimeSpan.FromMilliseconds(1))
            {
                await Task.Delay(wait, cancellationToken).ConfigureAwait(false);
            }

            lateness.Add(Math.Max(0, Stopwatch.GetElapsedTime(due).TotalMilliseconds));
            bool mayStartTurn = Stopwatch.GetElapsedTime(start) < duration;
            foreach (SimulatedCaller caller in callers)
            {
                await caller.SendFrameAsync(mayStartTurn, cancellationToken).ConfigureAwait(false);
            }

            if (callers.TrueForAll(c => c.Finished) || Stopwatch.GetElapsedTime(start) > hardStop)
            {
                return lateness;
            }
        }
    }

    private static (long WorkingSet, long GcHeap) MeasureMemory()
    {
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
        GC.WaitForPendingFinalizers();
        long heap = GC.GetTotalMemory(forceFullCollection: true);
        using var process = Process.GetCurrentProcess();
        return (process.WorkingSet64, heap);
    }

    private static double Ms(long from, long to) => Stopwatch.GetElapsedTime(from, to).TotalMilliseconds;
}
