using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using Voxgate.Realtime.Dialects;

namespace Voxgate.Realtime.Server;

/// <summary>What the upgrade request asks for: its key, its dialect and the subprotocol to echo.</summary>
internal sealed record RealtimeHandshake(RealtimeDialect Dialect, string? SubProtocol, string? Model, bool BetaRequested, bool Transcription)
{
    public const string RealtimeSubProtocol = "realtime";
    public const string BetaSubProtocol = "openai-beta.realtime-v1";
    public const string KeySubProtocolPrefix = "openai-insecure-api-key.";

    public static RealtimeHandshake Read(HttpContext context, bool allowBeta)
    {
        IList<string> offered = context.WebSockets.WebSocketRequestedProtocols;
        bool betaHeader = context.Request.Headers["OpenAI-Beta"].Any(v => v is not null && v.Contains("realtime=v1", StringComparison.OrdinalIgnoreCase));
        bool beta = betaHeader || offered.Contains(BetaSubProtocol, StringComparer.OrdinalIgnoreCase);

        // Echo "realtime" when offered (browsers fail the handshake otherwise); never echo the key.
        string? subProtocol = offered.FirstOrDefault(p => p.Equals(RealtimeSubProtocol, StringComparison.OrdinalIgnoreCase))
            ?? offered.FirstOrDefault(p => p.Equals(BetaSubProtocol, StringComparison.OrdinalIgnoreCase));
        string? model = context.Request.Query["model"];
        bool transcription = string.Equals(context.Request.Query["intent"], "transcription", StringComparison.OrdinalIgnoreCase);
        return new RealtimeHandshake(beta && allowBeta ? RealtimeDialect.Beta : RealtimeDialect.Ga, subProtocol, model, beta, transcription);
    }

    /// <summary>True when no keys are configured or the request carries one of them (an ephemeral secret does not count).</summary>
    public static bool HasApiKey(HttpContext context, IReadOnlyList<string> keys)
        => keys.Count == 0 || PresentedKeys(context).Any(candidate => IsKey(candidate, keys));

    /// <summary>
    /// Whether a connection may open: with one of the keys, with a valid <c>ek_</c> secret (whose bound session is
    /// returned), or with nothing when no keys are configured. An <c>ek_</c> secret that is forged or expired always
    /// refuses, so a client that relies on one learns it failed.
    /// </summary>
    public static bool TryAuthorize(HttpContext context, IReadOnlyList<string> keys, RealtimeClientSecrets secrets, out JsonObject? boundSession)
    {
        boundSession = null;
        bool refusedSecret = false;
        foreach (string candidate in PresentedKeys(context))
        {
            if (candidate.StartsWith(RealtimeClientSecrets.Prefix, StringComparison.Ordinal) && !IsKey(candidate, keys))
            {
                if (secrets.TryValidate(candidate, out boundSession))
                {
                    return true;
                }

                refusedSecret = true;
            }
            else if (IsKey(candidate, keys))
            {
                return true;
            }
        }

        return keys.Count == 0 && !refusedSecret;
    }

    private static bool IsKey(string candidate, IReadOnlyList<string> keys)
    {
        byte[] presented = Encoding.UTF8.GetBytes(candidate);
        foreach (string key in keys)
        {
            if (CryptographicOperations.FixedTimeEquals(presented, Encoding.UTF8.GetBytes(key)))
            {
                return true;
            }
        }

        return false;
    }

    private static IEnumerable<string> PresentedKeys(HttpContext context)
    {
        foreach (string? value in context.Request.Headers.Authorization)
        {
            if (value is not null && value.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
            {
                yield return value["Bearer ".Length..].Trim();
            }
        }

        foreach (string? value in context.Request.Headers["api-key"])
        {
            if (!string.IsNullOrEmpty(value))
            {
                yield return value.Trim();
            }
        }

        foreach (string protocol in context.WebSockets.WebSocketRequestedProtocols)
        {
            if (protocol.StartsWith(KeySubProtocolPrefix, StringComparison.Ordinal))
            {
                yield return protocol[KeySubProtocolPrefix.Length..];
            }
        }
    }
}
