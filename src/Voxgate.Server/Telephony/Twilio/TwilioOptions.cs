namespace Voxgate.Server.Telephony.Twilio;

/// <summary>Twilio's settings (configuration section <c>Twilio</c>).</summary>
public sealed class TwilioOptions
{
    public const string SectionName = "Twilio";

    /// <summary>The account's primary Auth Token: every webhook and stream handshake must carry its signature.</summary>
    public string? AuthToken { get; set; }
}
