using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Voxgate.Speech.Engine;

/// <summary>
/// The offline realtime model: Silero VAD → pocketsphinx → an agent brain (any <see cref="IChatClient"/>) → flite,
/// with OpenAI-style server-VAD turn-taking, barge-in and tools, as an <see cref="IRealtimeClient"/>.
/// </summary>
public sealed class LocalRealtimeClient : IRealtimeClient
{
    /// <summary>The model name sessions report.</summary>
    public const string ModelId = "voxgate-local";

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

    /// <inheritdoc />
    public void Dispose()
    {
        // The engine and brain are shared and owned by whoever created them (usually the DI container).
    }
}
