using System.Text.Json.Serialization;
using Voxgate.Server.Telephony.Telnyx;
using Voxgate.Server.Telephony.Twilio;

namespace Voxgate.Server.Telephony;

/// <summary>Source-generated JSON for the carriers' rare messages (a stream's <c>start</c>); frames use the Utf8JsonReader path.</summary>
[JsonSourceGenerationOptions(NumberHandling = JsonNumberHandling.AllowReadingFromString)]
[JsonSerializable(typeof(TwilioStartMessage))]
[JsonSerializable(typeof(TelnyxStartMessage))]
internal sealed partial class TelephonyJsonContext : JsonSerializerContext;
