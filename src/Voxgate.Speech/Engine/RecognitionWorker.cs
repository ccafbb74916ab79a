using System.Buffers;
using System.Threading.Channels;

namespace Voxgate.Speech.Engine;

/// <summary>
/// Runs a session's speech recognition off its event loop: utterances are queued as begin, audio, end, decoded
/// in order on one pooled recognizer each, and their partial and final texts are posted back.
/// </summary>
/// <remarks>
/// Decoding costs about 0.15 × real time; doing it here keeps VAD, and so barge-in, prompt whatever the
/// recognizer is doing. A recognizer is rented per utterance, so a few serve many sessions; what it learned of
/// this caller's channel (the cepstral mean) is kept here and handed to the next one, which measurably lowers the
/// word error rate of every turn after the first (docs/benchmarks.md).
/// </remarks>
internal sealed class RecognitionWorker : IAsyncDisposable
{
    private const int PartialEverySamples = 4000;

    private readonly IUtteranceRecognizerSource _source;
    private readonly Func<EngineSignal, ValueTask> _post;
    private readonly Channel<Work> _work = Channel.CreateUnbounded<Work>(new UnboundedChannelOptions { SingleReader = true, SingleWriter = true });
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;

    public RecognitionWorker(IUtteranceRecognizerSource source, Func<EngineSignal, ValueTask> post)
    {
        _source = source;
        _post = post;
        _loop = Task.Run(RunAsync);
    }

    public void Begin(string itemId) => _work.Writer.TryWrite(new Work(WorkKind.Begin, itemId, null, 0));

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

    public void End(string itemId) => _work.Writer.TryWrite(new Work(WorkKind.End, itemId, null, 0));

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
        IUtteranceRecognizer? recognizer = null;
        float[]? channel = null;
        string? current = null;
        string? lastPartial = null;
        int sinceLastPartial = 0;
        try
        {
            await foreach (Work work in _work.Reader.ReadAllAsync(_stop.Token).ConfigureAwait(false))
            {
                try
                {
                    switch (work.Kind)
                    {
                        case WorkKind.Begin:
                            if (recognizer is not null && current is not null)
                            {
                                // A new utterance (an item the client added) overtakes one still open: that one ends
                                // here, with what was heard of it, so every utterance begun gets its final text.
                                string overtaken = current;
                                string heard = recognizer.Finish();
                                current = null;
                                channel = recognizer.ChannelState ?? channel;
                                recognizer.Dispose();
                                recognizer = null;
                                await _post(new RecognitionFinal(overtaken, heard)).ConfigureAwait(false);
                            }

                            if (recognizer is null)
                            {
                                recognizer = await _source.RentAsync(_stop.Token).ConfigureAwait(false);
                                if (channel is not null)
                                {
                                    recognizer.AdaptTo(channel);
                                }
                            }

                            recognizer.Start();
                            current = work.ItemId;
                            lastPartial = null;
                            sinceLastPartial = 0;
                            break;
                        case WorkKind.Audio when recognizer is not null && current == work.ItemId:
                            recognizer.Accept(work.Samples.AsSpan(0, work.Count));
                            sinceLastPartial += work.Count;
                            if (sinceLastPartial >= PartialEverySamples)
                            {
                                sinceLastPartial = 0;
                                string? partial = recognizer.PartialHypothesis;
                                if (partial is not null && partial != lastPartial)
                                {
                                    lastPartial = partial;
                                    await _post(new RecognitionPartial(work.ItemId, partial)).ConfigureAwait(false);
                                }
                            }

                            break;
                        case WorkKind.End when recognizer is not null && current == work.ItemId:
                            string text = recognizer.Finish();
                            current = null;
                            channel = recognizer.ChannelState ?? channel;

                            // Give the model back between utterances so a few recognizers serve many sessions.
                            recognizer.Dispose();
                            recognizer = null;
                            await _post(new RecognitionFinal(work.ItemId, text)).ConfigureAwait(false);
                            break;
                    }
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    recognizer?.Dispose();
                    recognizer = null;
                    current = null;
                    await _post(new RecognitionFailed(work.ItemId, ex.Message)).ConfigureAwait(false);
                }
                finally
                {
                    if (work.Samples is not null)
                    {
                        ArrayPool<short>.Shared.Return(work.Samples);
                    }
                }
            }
        }
        finally
        {
            recognizer?.Dispose();
            while (_work.Reader.TryRead(out Work left))
            {
                if (left.Samples is not null)
                {
                    ArrayPool<short>.Shared.Return(left.Samples);
                }
            }
        }
    }

    private enum WorkKind
    {
        Begin,
        Audio,
        End,
    }

    private readonly record struct Work(WorkKind Kind, string ItemId, short[]? Samples, int Count);
}
