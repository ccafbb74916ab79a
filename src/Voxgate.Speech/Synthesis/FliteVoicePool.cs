using System.Collections.Concurrent;

namespace Voxgate.Speech.Synthesis;

/// <summary>
/// The flite voices of this process, registered on first use, and the one thread that synthesises with them.
/// </summary>
/// <remarks>
/// flite caches each voice in a global, so there is exactly one instance per voice no matter how often it is
/// registered, and a voice is single-threaded. The US voices also share one lexicon (cmu_lex), and flite is not
/// documented to be thread-safe, so all synthesis runs on one dedicated background thread, one piece of text
/// (a sentence) at a time, first come first served: concurrent requests interleave by sentence. At a real-time factor
/// of ~0.012 (slt) that thread keeps up with dozens of live streams, and no thread-pool thread ever blocks in flite.
/// Process-wide (<see cref="Shared"/>) because the native voices are.
/// </remarks>
#pragma warning disable CA1001 // A process-lifetime singleton: its queue and thread live as long as the process.
internal sealed class FliteVoicePool
#pragma warning restore CA1001
{
    private readonly ConcurrentDictionary<string, Lazy<FliteNative.VoiceHandle>> _voices = new(StringComparer.Ordinal);
    private readonly BlockingCollection<Job> _jobs = [];
    private readonly Lazy<Thread> _worker;

    private FliteVoicePool()
    {
        _worker = new Lazy<Thread>(
            () =>
            {
                var thread = new Thread(Work) { IsBackground = true, Name = "flite synthesis" };
                thread.Start();
                return thread;
            },
            LazyThreadSafetyMode.ExecutionAndPublication);
    }

    /// <summary>The one pool of this process.</summary>
    public static FliteVoicePool Shared { get; } = new();

    /// <summary>
    /// Queues <paramref name="text"/> for synthesis with <paramref name="voice"/>; audio goes to <paramref name="sink"/> on
    /// the synthesis thread. Completes when flite returns (also when the sink stopped it); cancelled if the token fires
    /// before the job starts. While it runs, cancellation is the sink's job (it returns false).
    /// </summary>
    public Task SynthesizeAsync(string voice, string text, FliteNative.IAudioSink sink, float durationStretch, CancellationToken cancellationToken)
    {
        var job = new Job(voice, text, sink, durationStretch, cancellationToken);
        _ = _worker.Value;
        _jobs.Add(job, CancellationToken.None);
        return job.Completion.Task;
    }

    /// <summary>Registers <paramref name="voice"/> now if it is not yet (about 5 ms).</summary>
    public FliteNative.VoiceHandle GetVoice(string voice)
        => _voices.GetOrAdd(
            voice,
            static name => new Lazy<FliteNative.VoiceHandle>(() => FliteNative.RegisterVoice(name), LazyThreadSafetyMode.ExecutionAndPublication))
            .Value;

    private void Work()
    {
        foreach (Job job in _jobs.GetConsumingEnumerable())
        {
            if (job.CancellationToken.IsCancellationRequested)
            {
                job.Completion.TrySetCanceled(job.CancellationToken);
                continue;
            }

            try
            {
                FliteNative.Synthesize(GetVoice(job.Voice), job.Text, job.Sink, job.DurationStretch);
                job.Completion.TrySetResult();
            }
#pragma warning disable CA1031 // The failure belongs to the request; the synthesis thread must live on.
            catch (Exception ex)
            {
                job.Completion.TrySetException(ex);
            }
#pragma warning restore CA1031
        }
    }

    private sealed record Job(string Voice, string Text, FliteNative.IAudioSink Sink, float DurationStretch, CancellationToken CancellationToken)
    {
        public TaskCompletionSource Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
