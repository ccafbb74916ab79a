using System.Net;

namespace Voxgate.Calls.Recording;

/// <summary>What is known of a call when it begins.</summary>
/// <param name="Transport">How the caller reached us: <c>browser</c> (later <c>twilio</c>, <c>telnyx</c>).</param>
/// <param name="UpstreamKind">The upstream that answers (<c>local</c>, <c>openai</c>, <c>azure</c>, <c>custom</c>).</param>
/// <param name="UpstreamModel">The model it was asked for.</param>
/// <param name="CallerAddress">The caller's address; only its salted hash is kept.</param>
/// <param name="UserAgent">The browser's user agent.</param>
/// <param name="CallerPhone">The caller's number, for phone calls.</param>
public sealed record CallStart(
    string Transport,
    string UpstreamKind,
    string? UpstreamModel = null,
    IPAddress? CallerAddress = null,
    string? UserAgent = null,
    string? CallerPhone = null)
{
    /// <summary>The call's id; one is made when null.</summary>
    public string? CallId { get; init; }
}
