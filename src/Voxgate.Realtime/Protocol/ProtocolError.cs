namespace Voxgate.Realtime.Protocol;

/// <summary>An OpenAI-shaped error for one client event: a value the relay sends back, never an exception.</summary>
/// <param name="Code">OpenAI's code, e.g. <c>invalid_value</c> or <c>missing_required_parameter</c>.</param>
/// <param name="Message">Text for people.</param>
/// <param name="Param">The offending field, e.g. <c>session.audio.input.format</c>, or null.</param>
/// <param name="EventId">The client's <c>event_id</c>, or null.</param>
/// <param name="Type"><c>invalid_request_error</c> or <c>server_error</c>.</param>
public readonly record struct ProtocolError(string Code, string Message, string? Param, string? EventId, string Type = ProtocolError.InvalidRequest)
{
    public const string InvalidRequest = "invalid_request_error";
    public const string ServerError = "server_error";
}
