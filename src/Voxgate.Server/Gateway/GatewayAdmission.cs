using System.Collections.Concurrent;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;

namespace Voxgate.Server.Gateway;

/// <summary>
/// Decides who may open a session: origin (cross-site WebSocket hijacking), tokens, and capacity — global and
/// per client address. Counts open sessions; each admitted session releases its slot when it ends.
/// </summary>
internal sealed class GatewayAdmission(IOptions<GatewayOptions> options, SessionTokens tokens)
{
    public const string TokenSubprotocolPrefix = "voxgate.token.";

    private readonly ConcurrentDictionary<IPAddress, int> _perAddress = new();
    private int _open;

    public int OpenSessions => Volatile.Read(ref _open);

    /// <summary>Checks the request before the WebSocket upgrade: a status code to refuse with, or null.</summary>
    public int? CheckRequest(HttpContext context)
    {
        GatewayOptions settings = options.Value;
        string? origin = context.Request.Headers.Origin;
        if (!string.IsNullOrEmpty(origin) && !IsAllowedOrigin(origin, context.Request, settings))
        {
            return StatusCodes.Status403Forbidden;
        }

        if (settings.ClientTokens.Length > 0 && !HasValidToken(context, settings))
        {
            return StatusCodes.Status401Unauthorized;
        }

        return null;
    }

    /// <summary>Whether <paramref name="bearer"/> is one of the configured client tokens.</summary>
    public bool IsClientToken(string? bearer)
        => bearer is not null && options.Value.ClientTokens.Any(t => FixedTimeEquals(t, bearer));

    /// <summary>Takes a session slot for <paramref name="address"/>; false when at capacity.</summary>
    public bool TryEnter(IPAddress? address, out Lease lease)
    {
        GatewayOptions settings = options.Value;
        address ??= IPAddress.None;
        lease = default;
        if (Interlocked.Increment(ref _open) > settings.MaxSessions)
        {
            Interlocked.Decrement(ref _open);
            return false;
        }

        int mine = _perAddress.AddOrUpdate(address, 1, static (_, n) => n + 1);
        if (mine > settings.MaxSessionsPerIp)
        {
            Leave(address);
            return false;
        }

        lease = new Lease(this, address);
        return true;
    }

    private void Leave(IPAddress address)
    {
        Interlocked.Decrement(ref _open);
        if (_perAddress.AddOrUpdate(address, 0, static (_, n) => n - 1) <= 0)
        {
            _perAddress.TryRemove(new KeyValuePair<IPAddress, int>(address, 0));
        }
    }

    private bool HasValidToken(HttpContext context, GatewayOptions settings)
    {
        foreach (string? candidate in Candidates(context))
        {
            if (candidate is not null && (IsClientToken(candidate) || tokens.IsValid(candidate)))
            {
                return true;
            }
        }

        return false;
    }

    private static IEnumerable<string?> Candidates(HttpContext context)
    {
        yield return context.Request.Query["token"];
        string? authorization = context.Request.Headers.Authorization;
        if (authorization?.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) == true)
        {
            yield return authorization["Bearer ".Length..].Trim();
        }

        foreach (string protocol in context.WebSockets.WebSocketRequestedProtocols)
        {
            if (protocol.StartsWith(TokenSubprotocolPrefix, StringComparison.Ordinal))
            {
                yield return protocol[TokenSubprotocolPrefix.Length..];
            }
        }
    }

    private static bool IsAllowedOrigin(string origin, HttpRequest request, GatewayOptions settings)
    {
        if (settings.AllowedOrigins.Contains("*"))
        {
            return true;
        }

        string own = $"{request.Scheme}://{request.Host}";
        return string.Equals(origin, own, StringComparison.OrdinalIgnoreCase)
            || settings.AllowedOrigins.Any(o => string.Equals(o.TrimEnd('/'), origin, StringComparison.OrdinalIgnoreCase));
    }

    private static bool FixedTimeEquals(string a, string b)
        => CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(a), Encoding.UTF8.GetBytes(b));

    /// <summary>A held session slot; disposing it gives the slot back.</summary>
    internal readonly struct Lease(GatewayAdmission owner, IPAddress address) : IDisposable
    {
        public void Dispose() => owner?.Leave(address);
    }
}
