namespace Voxgate.Server.Telephony.Telnyx;

/// <summary>Telnyx's settings (configuration section <c>Telnyx</c>).</summary>
public sealed class TelnyxOptions
{
    public const string SectionName = "Telnyx";

    /// <summary>The <c>stream_auth_token</c> given to Call Control: every stream must present it.</summary>
    public string? StreamAuthToken { get; set; }
}
