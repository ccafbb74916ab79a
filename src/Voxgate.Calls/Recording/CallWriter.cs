using System.Buffers;
using System.Threading.Channels;
using System.Security.Cryptography;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Voxgate.Calls.Analytics;
using Voxgate.Calls.Records;
using Voxgate.Calls.Store;

namespace Voxgate.Calls.Recording;

/// <summary>
/// The one background writer behind <see cref="CallRecorder"/>: at start-up it migrates the store and closes the calls
/// the last run left open as <c>interrupted</c>; then it writes each note as it comes — a call's row, each finished
/// turn, tool call and error, audio to the call's tracks — and, when a call ends, its end, its WAV and its scoring job.
/// </summary>
/// <remarks>
/// While the store is unreachable, its notes wait in order in a bounded backlog and are retried every
/// <see cref="StoreOptions.OutageRetry"/>; audio goes on to the tracks on disk meanwhile. Nothing is lost below
/// <see cref="StoreOptions.OutageBacklog"/>; past it the oldest notes are dropped, counted in <see cref="LostNotes"/>, and logged.
/// </remarks>
public sealed class CallWriter : IHostedService, IDisposable
{
    private const string SaltKey = "caller_address_salt";
    private static readonly TimeSpan DrainWait = TimeSpan.FromSeconds(8);

    // Woken for each note, the writer would cost the relay a thread-pool wake-up for nearly every audio frame of every
    // call (the queue is drained faster than frames come); gathering a window's notes makes that at most fifty a second
    // at any load (docs/benchmarks.md). Nothing waits on the writer but tests' flushes and the call's WAV.
    private static readonly TimeSpan GatherWindow = TimeSpan.FromMilliseconds(20);

    private readonly CallRecorder _recorder;
    private readonly CallStore _store;
    private readonly AnalysisSignal _analysis;
    private readonly RecordingOptions _options;
    private readonly ILogger _logger;
    private readonly Dictionary<string, CallAudioTracks> _tracks = new(StringComparer.Ordinal);
    private readonly List<Task> _compositions = [];
    private readonly CancellationTokenSource _abort = new();
    private readonly Queue<RecorderCommand> _backlog = new();
    private readonly int _backlogLimit;
    private readonly TimeSpan _retry;
    private long _lostNotes;
    private byte[]? _salt;
    private Task? _loop;

    public CallWriter(CallRecorder recorder, CallStore store, AnalysisSignal analysis, IOptions<RecordingOptions> options, IOptions<StoreOptions> storeOptions, ILogger<CallWriter> logger)
    {
        _recorder = recorder;
        _store = store;
        _analysis = analysis;
        _options = options.Value;
        _backlogLimit = storeOptions.Value.OutageBacklog;
        _retry = storeOptions.Value.OutageRetry;
        _logger = logger;
    }

    /// <summary>Notes dropped because the store stayed away longer than the backlog could hold.</summary>
    public long LostNotes => Interlocked.Read(ref _lostNotes);

    /// <summary>Notes waiting for the store to come back.</summary>
    public int BacklogDepth => Volatile.Read(ref _backlogDepth);

    private int _backlogDepth;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        // A store that cannot be opened stops the start, with its reason, instead of losing every call quietly.
        await _store.Database.EnsureReadyAsync(cancellationToken).ConfigureAwait(false);
        IReadOnlyList<string> closed = await _store.CloseInterruptedCallsAsync(cancellationToken).ConfigureAwait(false);
        if (closed.Count > 0)
        {
            Log.InterruptedCallsClosed(_logger, closed.Count);
            _analysis.Wake();

            // Their audio never became a WAV (the timeline of what was heard died with the process): its raw tracks go.
            foreach (string id in closed)
            {
                CallAudioTracks.DeleteLeftovers(_options.FullFolder, id);
            }
        }

        string salt = await _store.GetOrAddSettingAsync(SaltKey, () => Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)), cancellationToken).ConfigureAwait(false);
        _salt = Convert.FromBase64String(salt);
        _loop = Task.Run(RunAsync, CancellationToken.None);
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        // Calls end as the server stops (their relays see the stopping signal first): give them time to say so.
        using var wait = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        wait.CancelAfter(DrainWait);
        try
        {
            while (_recorder.OpenCalls > 0)
            {
                await Task.Delay(50, wait.Token).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException)
        {
        }

        using CancellationTokenRegistration abort = cancellationToken.Register(() => _abort.Cancel());
        try
        {
            // Every end is taken and every WAV written before the queue closes: a WAV's row goes in through the queue.
            await MarkAsync(cancellationToken).ConfigureAwait(false);
            Task[] pending;
            lock (_compositions)
            {
                pending = [.. _compositions];
            }

            await Task.WhenAll(pending).WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
        }

        _recorder.Complete();
        if (_loop is not null)
        {
            await _loop.ConfigureAwait(false);
        }
    }

    public void Dispose()
    {
        foreach (CallAudioTracks tracks in _tracks.Values)
        {
            tracks.Dispose();
        }

        _abort.Dispose();
    }

    /// <summary>Waits until everything queued before it is written, recordings included (tests use it).</summary>
    internal async Task FlushAsync(CancellationToken cancellationToken)
    {
        await MarkAsync(cancellationToken).ConfigureAwait(false);
        Task[] compositions;
        lock (_compositions)
        {
            compositions = [.. _compositions];
        }

        await Task.WhenAll(compositions).WaitAsync(cancellationToken).ConfigureAwait(false);

        // A finished WAV puts its row in through the queue: one more mark waits for those too.
        await MarkAsync(cancellationToken).ConfigureAwait(false);
    }

    private async Task MarkAsync(CancellationToken cancellationToken)
    {
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _recorder.Enqueue(new RecorderCommand(RecorderCommandKind.Flush, "flush", Payload: done));
        await done.Task.WaitAsync(cancellationToken).ConfigureAwait(false);
    }

    private async Task RunAsync()
    {
        ChannelReader<RecorderCommand> queue = _recorder.Queue;
        while (true)
        {
            bool more = true;
            if (_backlog.Count == 0)
            {
                more = await queue.WaitToReadAsync(CancellationToken.None).ConfigureAwait(false);
            }
            else
            {
                // Wake to retry the store even when no calls are talking.
                using var retry = new CancellationTokenSource(_retry);
                try
                {
                    more = await queue.WaitToReadAsync(retry.Token).ConfigureAwait(false);
                }
                catch (OperationCanceledException) when (retry.IsCancellationRequested)
                {
                }

                await RetryBacklogAsync().ConfigureAwait(false);
            }

            if (!more)
            {
                break;
            }

            while (queue.TryRead(out RecorderCommand command))
            {
                await ProcessAsync(command).ConfigureAwait(false);
            }

            await Task.Delay(GatherWindow).ConfigureAwait(false);
        }

        // Shutting down: one last try for what waited, then whatever is left is lost (and said so).
        await RetryBacklogAsync().ConfigureAwait(false);
        if (_backlog.Count > 0)
        {
            Interlocked.Add(ref _lostNotes, _backlog.Count);
            Log.NotesLost(_logger, _backlog.Count, "the store was still unreachable at shutdown");
            _backlog.Clear();
        }
    }

    private async Task ProcessAsync(RecorderCommand command)
    {
        try
        {
            if (IsStoreNote(command.Kind) && _backlog.Count > 0)
            {
                // The store is away: this note waits behind the others, so a call's notes stay in order.
                Hold(command);
                return;
            }

            await HandleAsync(command, _abort.Token).ConfigureAwait(false);
        }
        catch (Exception ex) when (IsStoreNote(command.Kind) && IsOutage(ex) && !_abort.IsCancellationRequested)
        {
            Log.StoreUnavailable(_logger, command.CallId, ex.Message);
            Hold(command);
        }
        catch (Exception ex)
        {
            // One failed write costs that note only; when the host gave up waiting, the rest are skipped quietly.
            if (!_abort.IsCancellationRequested)
            {
                Log.WriteFailed(_logger, command.CallId, command.Kind.ToString(), ex);
            }
        }
        finally
        {
            if (command.Audio is not null)
            {
                ArrayPool<byte>.Shared.Return(command.Audio);
            }
        }
    }

    /// <summary>Writes what waited for the store, oldest first, until it is done or the store fails again.</summary>
    private async Task RetryBacklogAsync()
    {
        int written = 0;
        while (_backlog.TryPeek(out RecorderCommand waiting))
        {
            try
            {
                await HandleAsync(waiting, _abort.Token).ConfigureAwait(false);
            }
            catch (Exception ex) when (IsOutage(ex) && !_abort.IsCancellationRequested)
            {
                break;
            }
            catch (Exception ex)
            {
                // Refused for good (a turn whose call's row was itself lost, say): counted with the rest of the loss.
                Interlocked.Increment(ref _lostNotes);
                if (!_abort.IsCancellationRequested)
                {
                    Log.WriteFailed(_logger, waiting.CallId, waiting.Kind.ToString(), ex);
                }
            }

            _backlog.Dequeue();
            written++;
        }

        Volatile.Write(ref _backlogDepth, _backlog.Count);
        if (written > 0 && _backlog.Count == 0)
        {
            Log.StoreBack(_logger, written);
        }
    }

    private void Hold(RecorderCommand command)
    {
        _backlog.Enqueue(command);
        if (_backlog.Count > _backlogLimit)
        {
            RecorderCommand dropped = _backlog.Dequeue();
            Interlocked.Increment(ref _lostNotes);
            Log.NotesLost(_logger, 1, $"the outage backlog is full ({_backlogLimit}); dropped a {dropped.Kind} of {dropped.CallId}");
        }

        Volatile.Write(ref _backlogDepth, _backlog.Count);
    }

    /// <summary>Notes the store must take; audio goes to files on disk and flushes are the writer's own.</summary>
    private static bool IsStoreNote(RecorderCommandKind kind) => kind is RecorderCommandKind.Begin or RecorderCommandKind.Turn
        or RecorderCommandKind.Tool or RecorderCommandKind.Error or RecorderCommandKind.End or RecorderCommandKind.Recording;

    /// <summary>
    /// A store that is down or unreachable (worth waiting for), as opposed to a note it refuses (a broken constraint, say),
    /// which waiting would never fix.
    /// </summary>
    /// <remarks>
    /// A server shutting down or restarting answers 57P01–57P03 (an operator's restart, a crash, still starting) and a
    /// broken connection class 08: Npgsql does not call all of these transient, but each passes with the outage.
    /// </remarks>
    private static bool IsOutage(Exception ex) => ex is System.Data.Common.DbException { IsTransient: true } or TimeoutException or System.Net.Sockets.SocketException or IOException
        || ex is System.Data.Common.DbException { SqlState: { } state } && (state.StartsWith("57P", StringComparison.Ordinal) || state.StartsWith("08", StringComparison.Ordinal))
        || ex.InnerException is { } inner && IsOutage(inner);

    private async Task HandleAsync(RecorderCommand command, CancellationToken cancellationToken)
    {
        switch (command.Kind)
        {
            case RecorderCommandKind.Flush:
                ((TaskCompletionSource)command.Payload!).TrySetResult();
                break;
            case RecorderCommandKind.Begin:
                var begin = (BeginPayload)command.Payload!;
                await _store.CreateCallAsync(begin.Call with { CallerIpHash = HashAddress(begin.Address) }, cancellationToken).ConfigureAwait(false);
                if (begin.RecordAudio)
                {
                    _tracks[command.CallId] = new CallAudioTracks(_options.FullFolder, command.CallId);
                }

                break;
            case RecorderCommandKind.CallerAudio:
                _tracks.GetValueOrDefault(command.CallId)?.AppendCaller(command.Audio.AsSpan(0, command.Length), command.SampleRate, command.GapSamples);
                break;
            case RecorderCommandKind.AgentAudio:
                _tracks.GetValueOrDefault(command.CallId)?.AppendAgent(command.ItemId!, command.Audio.AsSpan(0, command.Length), command.SampleRate);
                break;
            case RecorderCommandKind.Turn:
                await _store.SaveTurnAsync(command.CallId, (TurnRecord)command.Payload!, cancellationToken).ConfigureAwait(false);
                break;
            case RecorderCommandKind.Tool:
                await _store.SaveToolAsync(command.CallId, (ToolCallRecord)command.Payload!, cancellationToken).ConfigureAwait(false);
                break;
            case RecorderCommandKind.Error:
                var error = (ErrorPayload)command.Payload!;
                await _store.AddErrorAsync(command.CallId, error.Seq, error.Error, cancellationToken).ConfigureAwait(false);
                break;
            case RecorderCommandKind.End:
                var end = (EndPayload)command.Payload!;

                // The WAV is made from local files whether or not the store is there; its row is a note of its own.
                if (_tracks.Remove(command.CallId, out CallAudioTracks? tracks))
                {
                    Task composition = ComposeAsync(command.CallId, tracks, end.Segments, cancellationToken);
                    lock (_compositions)
                    {
                        _compositions.RemoveAll(t => t.IsCompleted);
                        _compositions.Add(composition);
                    }
                }

                await _store.EndCallAsync(command.CallId, end.EndedAtMs, end.Reason, end.CloseCode, end.Usage, cancellationToken).ConfigureAwait(false);
                _analysis.Wake();
                break;
            case RecorderCommandKind.Recording:
                (string file, long ms) = ((string, long))command.Payload!;
                await _store.SetRecordingAsync(command.CallId, file, ms, cancellationToken).ConfigureAwait(false);
                break;
        }
    }

    /// <summary>Writes the call's WAV off the writer's loop, so a long call's file does not hold up the others' turns.</summary>
    private async Task ComposeAsync(string callId, CallAudioTracks tracks, IReadOnlyList<AgentSegment> segments, CancellationToken cancellationToken)
    {
        await Task.Yield();
        try
        {
            string file = callId + ".wav";
            long ms = await tracks.ComposeAsync(segments, Path.Combine(_options.FullFolder, file), cancellationToken).ConfigureAwait(false);

            // Through the queue, so it follows the call's end into the store (and waits with it through an outage).
            _recorder.Enqueue(new RecorderCommand(RecorderCommandKind.Recording, callId, Payload: (file, ms)));
        }
        catch (Exception ex)
        {
            Log.RecordingFailed(_logger, callId, ex);
        }
        finally
        {
            tracks.Dispose();
        }
    }

    private string? HashAddress(System.Net.IPAddress? address)
    {
        if (address is null || _salt is null)
        {
            return null;
        }

        // Keyed with this install's salt: the same caller hashes the same here and cannot be looked up elsewhere.
        byte[] hash = HMACSHA256.HashData(_salt, (address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address).GetAddressBytes());
        return Convert.ToHexStringLower(hash.AsSpan(0, 16));
    }
}
