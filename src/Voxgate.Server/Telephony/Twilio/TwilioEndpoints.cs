using Twilio.TwiML;
using Connect = Twilio.TwiML.Voice.Connect;
using TwimlStream = Twilio.TwiML.Voice.Stream;

namespace Voxgate.Server.Telephony.Twilio;

/// <summary>Twilio's two endpoints: the voice webhook that answers with TwiML, and the bidirectional media stream.</summary>
internal static class TwilioEndpoints
{
    // "Each name plus value must be under 500 characters" (TwiML <Parameter>).
    private const int MaxParameter = 499;

    public static IEndpointRouteBuilder MapTwilio(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPost("/twilio/voice", VoiceAsync);
        endpoints.Map(TwilioSignature.MediaPath, MediaAsync);
        return endpoints;
    }

    /// <summary>
    /// An incoming call: TwiML that connects it to the media stream (<c>&lt;Connect&gt;&lt;Stream&gt;</c>, the one that
    /// plays audio back), with the caller's number as a <c>&lt;Parameter&gt;</c> since a stream URL takes no query.
    /// </summary>
    private static async Task<IResult> VoiceAsync(HttpContext context, TwilioSignature signature, ILoggerFactory loggers)
    {
        IFormCollection form = context.Request.HasFormContentType
            ? await context.Request.ReadFormAsync(context.RequestAborted).ConfigureAwait(false)
            : FormCollection.Empty;
        if (signature.CheckWebhook(context.Request, form) is { } refused)
        {
            TelephonyLog.Refused(loggers.CreateLogger("Voxgate.Telephony"), "twilio", context.Request.Path, context.Connection.RemoteIpAddress?.ToString(), refused);
            return Results.StatusCode(StatusCodes.Status403Forbidden);
        }

        var stream = new TwimlStream(url: signature.MediaUrl(context.Request));
        foreach (string name in (string[])[TwilioWire.FromParameter, TwilioWire.ToParameter])
        {
            if (form[name].ToString() is { Length: > 0 } value && name.Length + value.Length <= MaxParameter)
            {
                stream.Parameter(name: name, value: value);
            }
        }

        var response = new VoiceResponse().Append(new Connect().Append(stream));
        return Results.Text(response.ToString(), "application/xml", System.Text.Encoding.UTF8);
    }

    /// <summary>The media stream: the signature is checked before the upgrade; then the call runs.</summary>
    private static async Task MediaAsync(HttpContext context, TwilioSignature signature, PhoneCalls calls, ILoggerFactory loggers)
    {
        if (signature.CheckHandshake(context.Request) is { } refused)
        {
            TelephonyLog.Refused(loggers.CreateLogger("Voxgate.Telephony"), "twilio", context.Request.Path, context.Connection.RemoteIpAddress?.ToString(), refused);
            context.Response.StatusCode = StatusCodes.Status403Forbidden;
            return;
        }

        if (!context.WebSockets.IsWebSocketRequest)
        {
            context.Response.StatusCode = StatusCodes.Status400BadRequest;
            await context.Response.WriteAsync("This is Twilio's media stream endpoint; see docs/telephony.md.", context.RequestAborted).ConfigureAwait(false);
            return;
        }

        await calls.RunAsync(context, TwilioWire.Instance).ConfigureAwait(false);
    }
}
