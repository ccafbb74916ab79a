using System.Buffers;
using System.Text.Json;
using Microsoft.Extensions.AI;
using Voxgate.Realtime.Abstractions;

namespace Voxgate.Speech.Engine;

/// <summary>
/// A reply prepared unseen while the caller's silence window runs (preemptive generation): the response generator
/// posts to this hold instead of the session. It keeps the reply's start — its first sentence's text and first chunk of
/// audio — and makes the generator wait there, and before any tool call, until the turn is final. Then the session
/// either adopts it (the first audio goes out at once, the generator goes on) or discards it (the generator is
/// cancelled and its audio returned).
/// </summary>
/// <remarks>
/// Nothing held is ever seen unless adopted, and a tool call is not even produced before, so a tool with side effects
/// runs only for the turn the caller really ended. Adopted only if it answers exactly what a response started at the
/// commit would answer: the same configuration and the same history, the turn's final words included.
/// </remarks>
internal sealed class PreparedResponse
{
    private readonly Func<EngineSignal, ValueTask> _post;
    private readonly CancellationToken _token;
    private readonly Lock _gate = new();
    private readonly List<EngineSignal> _held = [];
    private readonly TaskCompletionSource _adopted = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private State _state;
    private bool _hasOutput;

    /// <param name="itemId">The turn it answers (not yet committed).</param>
    /// <param name="request">What it is generated from; its <see cref="ResponseRequest.StartClockMs"/> moves when adopted.</param>
    /// <param name="configuration">The session's configuration in force when it was prepared.</param>
    /// <param name="cts">Cancels its generation; disposed when the generation ends after a discard.</param>
    /// <param name="post">The session's loop, where the generator's signals go once adopted.</param>
    public PreparedResponse(string itemId, ResponseRequest request, RealtimeSessionOptions configuration, CancellationTokenSource cts, Func<EngineSignal, ValueTask> post)
    {
        ItemId = itemId;
        Request = request;
        Configuration = configuration;
        Cts = cts;
        _token = cts.Token;
        _post = post;
    }

    public string ItemId { get; }

    public ResponseRequest Request { get; }

    public RealtimeSessionOptions Configuration { get; }

    public CancellationTokenSource Cts { get; }

    /// <summary>The generation, running against <see cref="PostAsync"/>.</summary>
    public Task Task { get; set; } = Task.CompletedTask;

    private enum State
    {
        Preparing,
        Adopted,
        Discarded,
    }

    /// <summary>Whether this reply is what a response started now, from <paramref name="messages"/> and <paramref name="configuration"/>, would say.</summary>
    public bool Answers(IList<ChatMessage> messages, RealtimeSessionOptions configuration)
        => ReferenceEquals(configuration, Configuration) && SameHistory(Request.Messages, messages);

    /// <summary>
    /// The generator's post: held until the first output (audio, or text for a text reply) is in; after it, and before a
    /// tool call, the generator waits for the turn. Once adopted, straight to the session.
    /// </summary>
    public ValueTask PostAsync(EngineSignal signal)
    {
        lock (_gate)
        {
            switch (_state)
            {
                case State.Discarded:
                    // The generator still owns what it was posting, and stops here.
                    throw new OperationCanceledException(_token);
                case State.Preparing when signal is ResponseFunctionCall || (_hasOutput && signal is not ResponseFinished):
                    return WaitThenPostAsync(signal);
                case State.Preparing:
                    _held.Add(signal);
                    _hasOutput |= Request.Audio ? signal is ResponseAudio : signal is ResponseText;
                    return ValueTask.CompletedTask;
            }
        }

        return _post(signal);
    }

    /// <summary>
    /// Makes the reply the session's, its audio starting at <paramref name="startClockMs"/>. Returns what it has produced so
    /// far, for the session to handle now, in order, before anything the generator posts from here on.
    /// </summary>
    public IReadOnlyList<EngineSignal> Adopt(long startClockMs)
    {
        EngineSignal[] held;
        lock (_gate)
        {
            if (_state != State.Preparing)
            {
                throw new InvalidOperationException("A prepared response is adopted or discarded once.");
            }

            _state = State.Adopted;
            Request.StartClockMs = startClockMs;
            held = [.. _held];
            _held.Clear();
        }

        // Set after the pacing start moved: the generator reads it only when it goes on.
        _adopted.TrySetResult();
        return held;
    }

    /// <summary>Throws the reply away: its generation is cancelled at once and the audio it holds goes back to the pool.</summary>
    public void Discard()
    {
        EngineSignal[] held;
        lock (_gate)
        {
            if (_state != State.Preparing)
            {
                return;
            }

            _state = State.Discarded;
            held = [.. _held];
            _held.Clear();
        }

        // The token is cancelled now; its callbacks (flite's abort among them) run off the session's loop.
        Task cancelled = Cts.CancelAsync();
        foreach (EngineSignal signal in held)
        {
            if (signal is ResponseAudio { Buffer.Length: > 0 } audio)
            {
                ArrayPool<byte>.Shared.Return(audio.Buffer);
            }
        }

        _ = Task.WhenAll(Task, cancelled).ContinueWith(static (_, state) => ((CancellationTokenSource)state!).Dispose(), Cts, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
    }

    private async ValueTask WaitThenPostAsync(EngineSignal signal)
    {
        await _adopted.Task.WaitAsync(_token).ConfigureAwait(false);
        await _post(signal).ConfigureAwait(false);
    }

    /// <summary>The same history, message by message and part by part, as the brain would read it.</summary>
    private static bool SameHistory(IList<ChatMessage> prepared, IList<ChatMessage> now)
    {
        if (prepared.Count != now.Count)
        {
            return false;
        }

        for (int i = 0; i < prepared.Count; i++)
        {
            ChatMessage a = prepared[i];
            ChatMessage b = now[i];
            if (a.Role != b.Role || a.Contents.Count != b.Contents.Count)
            {
                return false;
            }

            for (int j = 0; j < a.Contents.Count; j++)
            {
                bool same = (a.Contents[j], b.Contents[j]) switch
                {
                    (TextContent x, TextContent y) => x.Text == y.Text,
                    (FunctionCallContent x, FunctionCallContent y) => x.CallId == y.CallId && x.Name == y.Name && Json(x.Arguments) == Json(y.Arguments),
                    (FunctionResultContent x, FunctionResultContent y) => x.CallId == y.CallId && Equals(x.Result, y.Result),
                    _ => false,
                };
                if (!same)
                {
                    return false;
                }
            }
        }

        return true;
    }

    private static string Json(IDictionary<string, object?>? arguments)
        => arguments is null ? string.Empty : JsonSerializer.Serialize(arguments, EngineJsonContext.Default.IDictionaryStringObject);
}
