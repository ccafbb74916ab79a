using System.Buffers;
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
public sealed class CallWriter : IHostedService, IDisposable
{
    private const string SaltKey = "caller_address_salt";
    private static readonly TimeSpan DrainWait = TimeSpan.FromSeconds(8);

    private readonly CallRecorder _recorder;
    private readonly CallStore _store;
    private readonly AnalysisSignal _analysis;
    private readonly RecordingOptions _options;
    private readonly ILogger _logger;
    private readonly Dictionary<string, CallAudioTracks> _tracks = new(StringComparer.Ordinal);
    private readonly List<Task> _compositions = [];
    private readonly CancellationTokenSource _abort = new();
    private byte[]? _salt;
    private Task? _loop;

    public CallWriter(CallRecorder recorder, CallStore store, AnalysisSignal analysis, IOptions<RecordingOptions> options, ILogger<CallWriter> logger)
    {
        _recorder = recorder;
        _store = store;
        _analysis = analysis;
        _options = options.Value;
        _logger = logger;
    }

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

        _recorder.Complete();
        using CancellationTokenRegistration abort = cancellationToken.Register(() => _abort.Cancel());
        if (_loop is not null)
        {
            await _loop.ConfigureAwait(false);
        }

        Task[] compositions;
        lock (_compositions)
        {
            compositions = [.. _compositions];
        }

        await Task.WhenAll(compositions).ConfigureAwait(false);
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
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _recorder.Enqueue(new RecorderCommand(RecorderCommandKind.Flush, "flush", Payload: done));
        await done.Task.WaitAsync(cancellationToken).ConfigureAwait(false);
        Task[] compositions;
        lock (_compositions)
        {
            compositions = [.. _compositions];
        }

        await Task.WhenAll(compositions).WaitAsync(cancellationToken).ConfigureAwait(false);
    }

    private async Task RunAsync()
    {
        await foreach (RecorderCommand command in _recorder.Queue.ReadAllAsync(CancellationToken.None).ConfigureAwait(false))
        {
            try
            {
                await HandleAsync(command, _abort.Token).ConfigureAwait(false);
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
    }

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
                await _store.EndCallAsync(command.CallId, _store.NowMs(), end.Reason, end.CloseCode, end.Usage, cancellationToken).ConfigureAwait(false);
                _analysis.Wake();
                if (_tracks.Remove(command.CallId, out CallAudioTracks? tracks))
                {
                    Task composition = ComposeAsync(command.CallId, tracks, end.Segments, cancellationToken);
                    lock (_compositions)
                    {
                        _compositions.RemoveAll(t => t.IsCompleted);
                        _compositions.Add(composition);
                    }
                }

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
            await _store.SetRecordingAsync(callId, file, ms, cancellationToken).ConfigureAwait(false);
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
