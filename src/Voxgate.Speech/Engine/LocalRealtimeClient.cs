using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Voxgate.Realtime.Abstractions;
using Voxgate.Speech.Synthesis;

namespace Voxgate.Speech.Engine;

/// <summary>
/// The offline realtime model: Silero VAD → pocketsphinx → an agent brain (any <see cref="IChatClient"/>) → flite,
/// with OpenAI-style server-VAD turn-taking, barge-in and tools, as an <see cref="IRealtimeClient"/>.
/// </summary>
public sealed class LocalRealtimeClient : IRealtimeClient
{
    /// <summary>The model name sessions report.</summary>
    public const string ModelId = "voxgate-local";

    private static readonly TimeSpan WarmUpTimeout = TimeSpan.FromSeconds(30);

    private readonly LocalSpeechEngine _engine;
    private readonly IChatClient _brain;
    private readonly EngineLimits _limits;
    private readonly ILoggerFactory _loggerFactory;
    private readonly TimeProvider _time;
    private readonly ChatClientMetadata _metadata = new("voxgate-local", null, ModelId);

    /// <summary>Creates a client over a loaded engine and a brain.</summary>
    public LocalRealtimeClient(LocalSpeechEngine engine, IChatClient brain, EngineLimits? limits = null, ILoggerFactory? loggerFactory = null, TimeProvider? time = null)
    {
        _engine = engine ?? throw new ArgumentNullException(nameof(engine));
        _brain = brain ?? throw new ArgumentNullException(nameof(brain));
        _limits = limits ?? new EngineLimits();
        _loggerFactory = loggerFactory ?? NullLoggerFactory.Instance;
        _time = time ?? TimeProvider.System;
    }

    /// <inheritdoc />
    public Task<IRealtimeClientSession> CreateSessionAsync(RealtimeSessionOptions? options = null, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var session = new LocalRealtimeSession(_engine, _brain, _limits, _loggerFactory.CreateLogger<LocalRealtimeSession>(), _time);
        try
        {
            session.Start(options);
        }
        catch
        {
            session.DisposeAsync().AsTask().GetAwaiter().GetResult();
            throw;
        }

        return Task.FromResult<IRealtimeClientSession>(session);
    }

    /// <summary>
    /// Puts one turn through a session nobody hears (a question in, its words settled, the brain's reply prepared in the
    /// silence window, its first audio out), so the first caller of a process does not pay for that code's first run.
    /// </summary>
    /// <remarks>
    /// <see cref="LocalSpeechEngine.WarmUpAsync"/> warms the models; this warms the session, the brain and the response
    /// path, whose first run left a first call's reply about 100 ms late after its window (docs/benchmarks.md). The
    /// audio goes in faster than real time: turn-taking runs on audio time. Only call it with a brain that may be asked
    /// something unprompted (the built-in receptionist), since the question reaches the brain.
    /// </remarks>
    public async Task WarmUpTurnAsync(CancellationToken cancellationToken = default)
    {
        const int Rate = 24000;
        const int FrameSamples = Rate / 50;
        var speechOptions = new TextToSpeechOptions { AdditionalProperties = new() { [FliteTextToSpeechClient.SampleRatePropertyName] = Rate } };
        TextToSpeechResponse spoken = await _engine.Speech.GetAudioAsync(LocalSpeechEngine.WarmUpSentence, speechOptions, cancellationToken).ConfigureAwait(false);
        byte[] speech = [.. spoken.Contents.OfType<DataContent>().SelectMany(d => d.Data.ToArray())];

        // Silence before and after: the window must close for the turn to end.
        byte[] audio = new byte[(Rate * 3 / 10 * 2) + speech.Length + (Rate * 3 / 2 * 2)];
        speech.CopyTo(audio, Rate * 3 / 10 * 2);

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(WarmUpTimeout);
        IRealtimeClientSession session = await CreateSessionAsync(null, timeout.Token).ConfigureAwait(false);
        await using (session.ConfigureAwait(false))
        {
            Task<bool> answered = ReadUntilFirstAudioAsync(session, timeout.Token);
            for (int at = 0; at < audio.Length; at += FrameSamples * 2)
            {
                ReadOnlyMemory<byte> frame = audio.AsMemory(at, Math.Min(FrameSamples * 2, audio.Length - at));
                await session.SendAsync(new InputAudioBufferAppendRealtimeClientMessage(new DataContent(frame, "audio/pcm")), timeout.Token).ConfigureAwait(false);
            }

            if (!await answered.ConfigureAwait(false))
            {
                throw new InvalidOperationException("The warm-up turn ended without reply audio.");
            }
        }
    }

    /// <inheritdoc />
    public object? GetService(Type serviceType, object? serviceKey = null)
    {
        ArgumentNullException.ThrowIfNull(serviceType);
        return serviceKey is not null ? null
            : serviceType == typeof(ChatClientMetadata) ? _metadata
            : serviceType.IsInstanceOfType(this) ? this
            : serviceType.IsInstanceOfType(_engine) ? _engine
            : null;
    }

    private static async Task<bool> ReadUntilFirstAudioAsync(IRealtimeClientSession session, CancellationToken cancellationToken)
    {
        await foreach (RealtimeServerMessage message in session.GetStreamingResponseAsync(cancellationToken).ConfigureAwait(false))
        {
            if (message is OutputAudioDeltaRealtimeServerMessage delta)
            {
                delta.Release();
                return true;
            }

            if (message.Type == RealtimeServerMessageType.ResponseDone || message.Type == RealtimeServerMessageType.Error)
            {
                return false;
            }
        }

        return false;
    }

    /// <inheritdoc />
    public void Dispose()
    {
        // The engine and brain are shared and owned by whoever created them (usually the DI container).
    }
}
