using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http;
using Voxgate.Realtime.Dialects;

namespace Voxgate.Realtime.Server;

/// <summary>What the upgrade request asks for: its key, its dialect and the subprotocol to echo.</summary>
internal sealed record RealtimeHandshake(RealtimeDialect Dialect, string? SubProtocol, string? Model, bool BetaRequested)
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
        return new RealtimeHandshake(beta && allowBeta ? RealtimeDialect.Beta : RealtimeDialect.Ga, subProtocol, model, beta);
    }

    /// <summary>True when no keys are configured or the request carries one of them.</summary>
    public static bool IsAuthorized(HttpContext context, IReadOnlyList<string> keys)
    {
        if (keys.Count == 0)
        {
            return true;
        }

        foreach (string candidate in PresentedKeys(context))
        {
            byte[] presented = Encoding.UTF8.GetBytes(candidate);
            foreach (string key in keys)
            {
                if (CryptographicOperations.FixedTimeEquals(presented, Encoding.UTF8.GetBytes(key)))
                {
                    return true;
                }
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
