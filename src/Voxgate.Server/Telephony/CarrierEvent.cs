namespace Voxgate.Server.Telephony;

/// <summary>The events a carrier's media stream sends (Twilio's and Telnyx's share them).</summary>
internal enum CarrierEvent
{
    /// <summary>An event Voxgate does not know; logged and skipped.</summary>
    Unknown,
    Connected,
    Start,
    Media,
    Mark,
    Dtmf,
    Stop,

    /// <summary>The carrier reports a problem with the stream (Telnyx).</summary>
    Error,
}
