using System.Threading.Channels;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;
using Voxgate.Realtime.Abstractions;

namespace Voxgate.Speech.Engine;

/// <summary>
/// Where a session's parts put the messages they produce, in the order they produce them: one queue read by
/// <see cref="IRealtimeClientSession.GetStreamingResponseAsync"/>.
/// </summary>
/// <remarks>Written only from the session's loop (and once before it starts), so the order is the loop's order.</remarks>
internal sealed class SessionOutput
{
    private readonly Channel<RealtimeServerMessage> _messages = Channel.CreateUnbounded<RealtimeServerMessage>(new UnboundedChannelOptions { SingleReader = true, SingleWriter = true });
    private readonly string _sessionId;
    private readonly ILogger _logger;

    public SessionOutput(string sessionId, ILogger logger)
    {
        _sessionId = sessionId;
        _logger = logger;
    }

    public ChannelReader<RealtimeServerMessage> Reader => _messages.Reader;

    public void Emit(RealtimeServerMessage message)
    {
        message.MessageId ??= RealtimeIds.Event();
        if (!_messages.Writer.TryWrite(message) && message is OutputAudioDeltaRealtimeServerMessage audio)
        {
            // Nobody will read it: the session has ended.
            audio.Release();
        }
    }

    /// <summary>
    /// Reports an error as OpenAI does: a code, a message, the offending parameter and the client message's id.
    /// Code <c>server_error</c> marks the server's own failures; every other code, a problem with the request.
    /// </summary>
    public void Error(string code, string message, string? param, string? clientMessageId)
    {
        EngineLog.ClientError(_logger, _sessionId, code);
        Emit(new ErrorRealtimeServerMessage
        {
            Error = new ErrorContent(message) { ErrorCode = code, Details = param },
            OriginatingMessageId = clientMessageId,
        });
    }

    public void Complete() => _messages.Writer.TryComplete();
}
