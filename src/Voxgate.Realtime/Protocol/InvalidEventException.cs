namespace Voxgate.Realtime.Protocol;

/// <summary>
/// Thrown inside <see cref="ClientEventMapper"/> to abandon a malformed event; the mapper turns it into a
/// <see cref="ProtocolError"/> at its own boundary, so it never reaches the relay.
/// </summary>
internal sealed class InvalidEventException(string code, string message, string? param) : Exception(message)
{
    public string Code { get; } = code;

    public string? Param { get; } = param;
}
