using System.Buffers;
using System.Diagnostics;
using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Voxgate.Speech.Engine;

/// <summary>
/// Runs a session's speech recognition off its event loop: utterances are queued as begin, audio, end, decoded
/// in order on one pooled recognizer each, and their partial and final texts are posted back. An utterance can be
/// settled early (its words finished while the silence window still runs) and resumed if the caller speaks again.
/// </summary>
/// <remarks>
/// Decoding costs 0.2–0.4 × real time; doing it here keeps VAD, and so barge-in, prompt whatever the
/// recognizer is doing. A recognizer is rented per utterance, so a few serve many sessions; what it learned of
/// this caller's channel (the cepstral mean) is kept here and handed to the next one, which measurably lowers the
/// word error rate of every turn after the first (docs/benchmarks.md).
/// </remarks>
internal sealed class RecognitionWorker : IAsyncDisposable
{
    private const int PartialEverySamples = 4000;

    private readonly IUtteranceRecognizerSource _source;
    private readonly Func<EngineSignal, ValueTask> _post;
    private readonly ILogger _logger;
    private readonly string _sessionId;
    private readonly Channel<Work> _work = Channel.CreateUnbounded<Work>(new UnboundedChannelOptions { SingleReader = true, SingleWriter = true });
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;

    // What the recognisers learned of this caller's channel so far; only the worker's loop touches it.
    private float[]? _channel;

    /// <param name="source">Where recognizers are rented.</param>
    /// <param name="post">Where partial, settled and final words go.</param>
    /// <param name="logger">Where each turn's settle, resume and finish are logged at debug level, with what they cost.</param>
    /// <param name="sessionId">The session the logs name.</param>
    public RecognitionWorker(IUtteranceRecognizerSource source, Func<EngineSignal, ValueTask> post, ILogger? logger = null, string sessionId = "")
    {
        _source = source;
        _post = post;
        _logger = logger ?? NullLogger.Instance;
        _sessionId = sessionId;
        _loop = Task.Run(RunAsync);
    }

    /// <summary>Opens an utterance, listened to for <paramref name="expected"/> (what the agent's last reply asked for).</summary>
    public void Begin(string itemId, ExpectedAnswer expected = ExpectedAnswer.Anything)
        => _work.Writer.TryWrite(new Work(WorkKind.Begin, itemId, Expected: expected));

    /// <summary>Queues audio; copies it into a pooled array the worker returns.</summary>
    public void Audio(string itemId, ReadOnlySpan<short> samples)
    {
        if (samples.IsEmpty)
        {
            return;
        }

        short[] copy = ArrayPool<short>.Shared.Rent(samples.Length);
        samples.CopyTo(copy);
        if (!_work.Writer.TryWrite(new Work(WorkKind.Audio, itemId, copy, samples.Length)))
        {
            ArrayPool<short>.Shared.Return(copy);
        }
    }

    /// <summary>
    /// Finishes the open utterance's words with what has been heard so far and posts them as <see cref="RecognitionSettled"/>
    /// (with <paramref name="generation"/>); audio that follows is kept, not decoded, until <see cref="Resume"/> or <see cref="End"/>.
    /// </summary>
    public void Settle(string itemId, int generation)
        => _work.Writer.TryWrite(new Work(WorkKind.Settle, itemId, Generation: generation, Queued: Stopwatch.GetTimestamp()));

    /// <summary>
    /// The caller spoke again after <see cref="Settle"/>: the utterance is decoded again from its start, on a recognizer
    /// in the state the first one started in, so its final words are what they would have been had it never settled.
    /// </summary>
    public void Resume(string itemId) => _work.Writer.TryWrite(new Work(WorkKind.Resume, itemId));

    /// <summary>Ends the utterance and posts its final text, unless <paramref name="postFinal"/> is false (the session took its settled words).</summary>
    public void End(string itemId, bool postFinal = true) => _work.Writer.TryWrite(new Work(postFinal ? WorkKind.End : WorkKind.EndQuietly, itemId));

    public async ValueTask DisposeAsync()
    {
        _work.Writer.TryComplete();
        await _stop.CancelAsync().ConfigureAwait(false);
        try
        {
            await _loop.ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
        }

        _stop.Dispose();
    }

    private async Task RunAsync()
    {
        Utterance? open = null;
        try
        {
            await foreach (Work work in _work.Reader.ReadAllAsync(_stop.Token).ConfigureAwait(false))
            {
                bool kept = false;
                try
                {
                    switch (work.Kind)
                    {
                        case WorkKind.Begin:
                            if (open is not null)
                            {
                                // A new utterance (an item the client added) overtakes one still open: that one ends
                                // here, with what was heard of it, so every utterance begun gets its final text.
                                Utterance overtaken = open;
                                open = null;
                                string heard = Complete(overtaken);
                                await _post(new RecognitionFinal(overtaken.ItemId, heard)).ConfigureAwait(false);
                            }

                            open = new Utterance(work.ItemId, _channel, work.Expected);
                            open.Recognizer = await StartRecognizerAsync(_channel, work.Expected).ConfigureAwait(false);
                            break;
                        case WorkKind.Audio when open is not null && open.ItemId == work.ItemId:
                            open.Keep(work.Samples!, work.Count);
                            kept = true;
                            if (open.Recognizer is { } recognizer)
                            {
                                recognizer.Accept(work.Samples.AsSpan(0, work.Count));
                                await PostPartialAsync(open, recognizer, work.Count).ConfigureAwait(false);
                            }

                            break;
                        case WorkKind.Settle when open is { Recognizer: { } settling } && open.ItemId == work.ItemId:
                            long settleStarted = Stopwatch.GetTimestamp();
                            open.Settled = settling.Finish();
                            if (_logger.IsEnabled(LogLevel.Debug))
                            {
                                double finishMs = Stopwatch.GetElapsedTime(settleStarted).TotalMilliseconds;
                                double waitMs = Stopwatch.GetElapsedTime(work.Queued, settleStarted).TotalMilliseconds;
                                EngineLog.TurnSettled(_logger, _sessionId, work.ItemId, finishMs, waitMs);
                            }

                            open.ChannelAfter = settling.ChannelState;

                            // The model goes back to the pool now: most settled turns simply end.
                            settling.Dispose();
                            open.Recognizer = null;
                            await _post(new RecognitionSettled(work.ItemId, work.Generation, open.Settled)).ConfigureAwait(false);
                            break;
                        case WorkKind.Resume when open is { Settled: not null } && open.ItemId == work.ItemId:
                            open.Settled = null;
                            open.ChannelAfter = null;
                            long resumeStarted = Stopwatch.GetTimestamp();
                            IUtteranceRecognizer resumed = await StartRecognizerAsync(open.ChannelAtStart, open.Expected).ConfigureAwait(false);
                            open.Recognizer = resumed;

                            // The same audio in the same pieces: live CMN updates per piece, so the pieces matter.
                            foreach (ReadOnlyMemory<short> piece in open.Pieces)
                            {
                                resumed.Accept(piece.Span);
                            }

                            if (_logger.IsEnabled(LogLevel.Debug))
                            {
                                long audioMs = open.Pieces.Sum(p => (long)p.Length) * 1000 / InputAudioPipeline.EngineRate;
                                double decodeMs = Stopwatch.GetElapsedTime(resumeStarted).TotalMilliseconds;
                                EngineLog.TurnResumed(_logger, _sessionId, work.ItemId, audioMs, decodeMs);
                            }

                            break;
                        case WorkKind.End or WorkKind.EndQuietly when open is not null && open.ItemId == work.ItemId:
                            Utterance ended = open;
                            open = null;
                            string text = Complete(ended);
                            if (work.Kind == WorkKind.End)
                            {
                                await _post(new RecognitionFinal(work.ItemId, text)).ConfigureAwait(false);
                            }

                            break;
                    }
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    open?.Dispose();
                    open = null;
                    await _post(new RecognitionFailed(work.ItemId, ex.Message)).ConfigureAwait(false);
                }
                finally
                {
                    if (work.Samples is not null && !kept)
                    {
                        ArrayPool<short>.Shared.Return(work.Samples);
                    }
                }
            }
        }
        finally
        {
            open?.Dispose();
            while (_work.Reader.TryRead(out Work left))
            {
                if (left.Samples is not null)
                {
                    ArrayPool<short>.Shared.Return(left.Samples);
                }
            }
        }
    }

    private async ValueTask<IUtteranceRecognizer> StartRecognizerAsync(float[]? channel, ExpectedAnswer expected)
    {
        IUtteranceRecognizer recognizer = await _source.RentAsync(_stop.Token).ConfigureAwait(false);
        try
        {
            if (channel is not null)
            {
                recognizer.AdaptTo(channel);
            }

            recognizer.Start(expected);
            return recognizer;
        }
        catch
        {
            recognizer.Dispose();
            throw;
        }
    }

    private async ValueTask PostPartialAsync(Utterance utterance, IUtteranceRecognizer recognizer, int samples)
    {
        utterance.SinceLastPartial += samples;
        if (utterance.SinceLastPartial < PartialEverySamples)
        {
            return;
        }

        utterance.SinceLastPartial = 0;
        string? partial = recognizer.PartialHypothesis;
        if (partial is not null && partial != utterance.LastPartial)
        {
            utterance.LastPartial = partial;
            await _post(new RecognitionPartial(utterance.ItemId, partial)).ConfigureAwait(false);
        }
    }

    /// <summary>The utterance's final text (its settled words, or the recognizer's last pass), learning the channel from it.</summary>
    private string Complete(Utterance utterance)
    {
        try
        {
            if (utterance.Settled is { } settled)
            {
                _channel = utterance.ChannelAfter ?? _channel;
                return settled;
            }

            IUtteranceRecognizer recognizer = utterance.Recognizer!;
            long started = Stopwatch.GetTimestamp();
            string text = recognizer.Finish();
            if (_logger.IsEnabled(LogLevel.Debug))
            {
                double finishMs = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
                EngineLog.TurnFinished(_logger, _sessionId, utterance.ItemId, finishMs);
            }

            _channel = recognizer.ChannelState ?? _channel;
            return text;
        }
        finally
        {
            // Give the model back between utterances so a few recognizers serve many sessions.
            utterance.Dispose();
        }
    }

    private enum WorkKind
    {
        Begin,
        Audio,
        Settle,
        Resume,
        End,
        EndQuietly,
    }

    private readonly record struct Work(
        WorkKind Kind, string ItemId, short[]? Samples = null, int Count = 0, int Generation = 0, ExpectedAnswer Expected = ExpectedAnswer.Anything,
        long Queued = 0);

    /// <summary>The utterance being recognised: its recognizer (none while settled), its audio as it came, and its settled words.</summary>
    private sealed class Utterance(string itemId, float[]? channelAtStart, ExpectedAnswer expected) : IDisposable
    {
        private readonly List<(short[] Buffer, int Length)> _pieces = [];

        public string ItemId { get; } = itemId;

        /// <summary>The channel its first recognizer was adapted to: a resumed decode starts from the same.</summary>
        public float[]? ChannelAtStart { get; } = channelAtStart;

        /// <summary>What it was listened for: a resumed decode listens for the same.</summary>
        public ExpectedAnswer Expected { get; } = expected;

        public IUtteranceRecognizer? Recognizer { get; set; }

        /// <summary>Its words if it ends now; null while it is being decoded.</summary>
        public string? Settled { get; set; }

        public float[]? ChannelAfter { get; set; }

        public string? LastPartial { get; set; }

        public int SinceLastPartial { get; set; }

        /// <summary>Every piece of audio accepted or kept so far, in order.</summary>
        public IEnumerable<ReadOnlyMemory<short>> Pieces => _pieces.Select(p => (ReadOnlyMemory<short>)p.Buffer.AsMemory(0, p.Length));

        /// <summary>Takes over a piece's pooled buffer, so the utterance can be decoded again if it resumes after settling.</summary>
        public void Keep(short[] buffer, int length) => _pieces.Add((buffer, length));

        public void Dispose()
        {
            Recognizer?.Dispose();
            Recognizer = null;
            foreach ((short[] buffer, _) in _pieces)
            {
                ArrayPool<short>.Shared.Return(buffer);
            }

            _pieces.Clear();
        }
    }
}
