using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Voxgate.Realtime.Client;

/// <summary>
/// An <see cref="IRealtimeClient"/> for any OpenAI-compatible realtime service (OpenAI, Azure OpenAI, another Voxgate)
/// over one <see cref="System.Net.WebSockets.ClientWebSocket"/> per session, speaking the GA protocol with Voxgate's own
/// codec: audio on spans and pooled buffers, typed messages for everything else.
/// </summary>
/// <remarks>
/// Microsoft.Extensions.AI's OpenAI adapter goes through the OpenAI SDK's typed updates, base64 strings and a
/// <see cref="DataContent"/> per frame, and honours only the SDK's own option types; measured on the relay benchmark it
/// cost about 1.4× the CPU per audio message (docs/benchmarks.md). This client keeps the Microsoft.Extensions.AI
/// shape, so function invocation, OpenTelemetry and logging still compose around it.
/// </remarks>
public sealed class WebSocketRealtimeClient : IRealtimeClient
{
    private readonly WebSocketRealtimeClientOptions _options;
    private readonly ILoggerFactory _loggers;
    private readonly HttpMessageInvoker _invoker;
    private readonly ChatClientMetadata _metadata;

    public WebSocketRealtimeClient(WebSocketRealtimeClientOptions options, ILoggerFactory? loggerFactory = null)
    {
        _options = options ?? throw new ArgumentNullException(nameof(options));
        _loggers = loggerFactory ?? NullLoggerFactory.Instance;

        // One handler for every session's upgrade instead of one per connection.
        _invoker = new HttpMessageInvoker(new SocketsHttpHandler { ConnectTimeout = options.ConnectTimeout, UseCookies = false });
        _metadata = new ChatClientMetadata(options.ProviderName, options.Endpoint, options.Model);
    }

    /// <inheritdoc />
    public async Task<IRealtimeClientSession> CreateSessionAsync(RealtimeSessionOptions? options = null, CancellationToken cancellationToken = default)
        => await WebSocketRealtimeClientSession.ConnectAsync(_options, options, _invoker, _loggers.CreateLogger<WebSocketRealtimeClientSession>(), cancellationToken).ConfigureAwait(false);

    /// <inheritdoc />
    public object? GetService(Type serviceType, object? serviceKey = null)
    {
        ArgumentNullException.ThrowIfNull(serviceType);
        return serviceKey is not null ? null
            : serviceType == typeof(ChatClientMetadata) ? _metadata
            : serviceType.IsInstanceOfType(this) ? this
            : null;
    }

    public void Dispose() => _invoker.Dispose();
}
