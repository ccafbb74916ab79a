using Microsoft.Extensions.Options;
using Voxgate.Server.Telephony.Twilio;

namespace Voxgate.Server.Telephony;

/// <summary>Checks the settings the attributes cannot: the public URL's shape, and that Twilio's signatures have one to check against.</summary>
internal sealed class TelephonyOptionsValidator(IOptions<TwilioOptions> twilio) : IValidateOptions<TelephonyOptions>
{
    public ValidateOptionsResult Validate(string? name, TelephonyOptions options)
    {
        if (options.PublicUrl is { } url)
        {
            if (!url.IsAbsoluteUri || url.Scheme is not ("https" or "http"))
            {
                return ValidateOptionsResult.Fail($"Telephony:PublicUrl must be an absolute https URL (e.g. https://voice.example.com), not '{url}'.");
            }

            if (!string.IsNullOrEmpty(url.Query) || !string.IsNullOrEmpty(url.Fragment))
            {
                return ValidateOptionsResult.Fail($"Telephony:PublicUrl must have no query or fragment ('{url}'): Twilio's stream URL takes none.");
            }
        }
        else if (!string.IsNullOrEmpty(twilio.Value.AuthToken))
        {
            return ValidateOptionsResult.Fail("Telephony:PublicUrl is required with Twilio:AuthToken: Twilio signs the public URL it calls, so it must be known to check the signature.");
        }

        return ValidateOptionsResult.Success;
    }
}
