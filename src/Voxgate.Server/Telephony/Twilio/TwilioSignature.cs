using Microsoft.Extensions.Options;
using Twilio.Security;

namespace Voxgate.Server.Telephony.Twilio;

/// <summary>
/// Twilio's <c>X-Twilio-Signature</c> on the voice webhook and the media stream's handshake, checked with Twilio's own
/// <see cref="RequestValidator"/> against the public URL Twilio called (a URL rebuilt from a proxied request would not
/// match). Without <c>Twilio:AuthToken</c>, requests pass only when <c>Telephony:AllowUnsigned=true</c>.
/// </summary>
internal sealed class TwilioSignature(IOptions<TwilioOptions> twilio, IOptions<TelephonyOptions> telephony)
{
    public const string Header = "X-Twilio-Signature";

    /// <summary>Where Twilio opens the media stream.</summary>
    public const string MediaPath = "/twilio/media";

    /// <summary>Null when the webhook <paramref name="request"/> with its <paramref name="form"/> may be served, else why not.</summary>
    public string? CheckWebhook(HttpRequest request, IFormCollection form)
    {
        if (Unchecked() is { } answer)
        {
            return answer.Length == 0 ? null : answer;
        }

        if (Signature(request) is not { } signature)
        {
            return "no X-Twilio-Signature";
        }

        string url = Public(request.Path + request.QueryString, websocket: false);
        var parameters = form.ToDictionary(f => f.Key, f => f.Value.ToString(), StringComparer.Ordinal);
        return Validator().Validate(url, parameters, signature) ? null : "the X-Twilio-Signature does not match";
    }

    /// <summary>Null when the stream's handshake <paramref name="request"/> may be upgraded, else why not.</summary>
    public string? CheckHandshake(HttpRequest request)
    {
        if (Unchecked() is { } answer)
        {
            return answer.Length == 0 ? null : answer;
        }

        if (Signature(request) is not { } signature)
        {
            return "no X-Twilio-Signature";
        }

        // Twilio signs the stream's wss URL; its docs say to try it with a trailing slash too.
        string url = Public(request.Path + request.QueryString, websocket: true);
        var none = new Dictionary<string, string>(StringComparer.Ordinal);
        RequestValidator validator = Validator();
        return validator.Validate(url, none, signature) || validator.Validate(url + "/", none, signature) ? null : "the X-Twilio-Signature does not match";
    }

    private static string? Signature(HttpRequest request) => request.Headers[Header].ToString() is { Length: > 0 } signature ? signature : null;

    /// <summary>The stream URL for the TwiML: <c>wss://</c> the public host, <see cref="MediaPath"/>.</summary>
    public string MediaUrl(HttpRequest request) => Public(MediaPath, websocket: true, request);

    /// <summary>Empty to serve unsigned, a reason to refuse, or null to check the signature.</summary>
    private string? Unchecked()
    {
        if (!string.IsNullOrEmpty(twilio.Value.AuthToken))
        {
            return null;
        }

        return telephony.Value.AllowUnsigned ? string.Empty : "no Twilio:AuthToken is set (or Telephony:AllowUnsigned=true for a test)";
    }

    private RequestValidator Validator() => new(twilio.Value.AuthToken);

    /// <summary>
    /// <paramref name="pathAndQuery"/> on the public URL (<c>Telephony:PublicUrl</c>; without one, which only an unsigned
    /// set-up may lack, this request's own host), as https/wss — or http/ws when the public URL is plain http, as on a test host.
    /// </summary>
    private string Public(string pathAndQuery, bool websocket, HttpRequest? request = null)
    {
        Uri? configured = telephony.Value.PublicUrl;
        string origin = configured is not null
            ? configured.GetLeftPart(UriPartial.Path).TrimEnd('/')
            : $"{request!.Scheme}://{request.Host}{request.PathBase}";
        bool secure = origin.StartsWith("https:", StringComparison.OrdinalIgnoreCase);
        string rest = origin[(origin.IndexOf(':', StringComparison.Ordinal) + 1)..];
        string scheme = websocket ? (secure ? "wss" : "ws") : (secure ? "https" : "http");
        return scheme + ":" + rest + pathAndQuery;
    }
}
