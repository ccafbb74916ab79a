using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;

namespace Voxgate.Server.Telephony.Telnyx;

/// <summary>Telnyx's media stream endpoint: the stream's auth token is checked before the upgrade; then the call runs.</summary>
internal static class TelnyxEndpoints
{
    /// <summary>The header Telnyx sends the <c>stream_auth_token</c> in.</summary>
    public const string TokenHeader = "x-telnyx-streaming-auth-token";

    public static IEndpointRouteBuilder MapTelnyx(this IEndpointRouteBuilder endpoints)
    {
        endpoints.Map("/telnyx/media", MediaAsync);
        return endpoints;
    }

    private static async Task MediaAsync(HttpContext context, IOptions<TelnyxOptions> telnyx, IOptions<TelephonyOptions> telephony, PhoneCalls calls, ILoggerFactory loggers)
    {
        if (Check(context.Request, telnyx.Value, telephony.Value) is { } refused)
        {
            TelephonyLog.Refused(loggers.CreateLogger("Voxgate.Telephony"), "telnyx", context.Request.Path, context.Connection.RemoteIpAddress?.ToString(), refused);
            context.Response.StatusCode = StatusCodes.Status403Forbidden;
            return;
        }

        if (!context.WebSockets.IsWebSocketRequest)
        {
            context.Response.StatusCode = StatusCodes.Status400BadRequest;
            await context.Response.WriteAsync("This is Telnyx's media stream endpoint; see docs/telephony.md.", context.RequestAborted).ConfigureAwait(false);
            return;
        }

        await calls.RunAsync(context, TelnyxWire.Instance).ConfigureAwait(false);
    }

    /// <summary>Null when the handshake may be upgraded, else why not.</summary>
    private static string? Check(HttpRequest request, TelnyxOptions telnyx, TelephonyOptions telephony)
    {
        if (string.IsNullOrEmpty(telnyx.StreamAuthToken))
        {
            return telephony.AllowUnsigned ? null : "no Telnyx:StreamAuthToken is set (or Telephony:AllowUnsigned=true for a test)";
        }

        string given = request.Headers[TokenHeader].ToString();
        return CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(given), Encoding.UTF8.GetBytes(telnyx.StreamAuthToken))
            ? null
            : "the stream's auth token is missing or wrong";
    }
}
