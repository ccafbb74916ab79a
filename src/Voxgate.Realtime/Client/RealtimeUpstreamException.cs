namespace Voxgate.Realtime.Client;

/// <summary>A realtime upstream could not be reached, refused the session, or broke the protocol.</summary>
public sealed class RealtimeUpstreamException : Exception
{
    public RealtimeUpstreamException()
    {
    }

    public RealtimeUpstreamException(string message)
        : base(message)
    {
    }

    public RealtimeUpstreamException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }

    public RealtimeUpstreamException(string message, string? code, Exception? innerException = null)
        : base(message, innerException) => Code = code;

    /// <summary>The upstream's error code (<c>invalid_api_key</c>, <c>unknown_parameter</c>…), when it gave one.</summary>
    public string? Code { get; }
}
