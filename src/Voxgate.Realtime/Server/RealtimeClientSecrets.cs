using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Options;

namespace Voxgate.Realtime.Server;

/// <summary>
/// Ephemeral client secrets (<c>ek_…</c>) for browsers and other clients that must not hold a real key:
/// <c>ek_ base64url(payload) . base64url(HMAC-SHA256(payload))</c>, the payload being the expiry and the session
/// configuration bound to the secret. Nothing is stored, so every instance that shares
/// <see cref="RealtimeApiOptions.ClientSecretSigningKey"/> accepts the secrets of the others.
/// </summary>
internal sealed class RealtimeClientSecrets
{
    public const string Prefix = "ek_";

    /// <summary>OpenAI's bounds for <c>expires_after.seconds</c>, and its default.</summary>
    public const int MinSeconds = 10;
    public const int MaxSeconds = 7200;
    public const int DefaultSeconds = 600;

    // A header or subprotocol carries it: bound the size of what anyone can make us parse.
    private const int MaxSecretChars = 24 * 1024;
    private const int MacBytes = 32;

    private readonly byte[] _key;
    private readonly TimeProvider _time;

    public RealtimeClientSecrets(IOptions<RealtimeApiOptions> options, TimeProvider time)
    {
        string? secret = options.Value.ClientSecretSigningKey;
        _key = string.IsNullOrEmpty(secret) ? RandomNumberGenerator.GetBytes(32) : SHA256.HashData(Encoding.UTF8.GetBytes(secret));
        _time = time;
    }

    /// <summary>Mints a secret valid for <paramref name="lifetime"/>, with <paramref name="session"/> (a GA session object) bound to it.</summary>
    public (string Value, DateTimeOffset ExpiresAt) Issue(JsonObject? session, TimeSpan lifetime)
    {
        DateTimeOffset expires = _time.GetUtcNow().Add(lifetime);
        var payload = new JsonObject { ["exp"] = expires.ToUnixTimeSeconds(), ["nonce"] = Convert.ToHexString(RandomNumberGenerator.GetBytes(8)) };
        if (session is not null)
        {
            payload["session"] = session.DeepClone();
        }

        byte[] body = Encoding.UTF8.GetBytes(payload.ToJsonString());
        string encoded = Base64Url.EncodeToString(body);
        byte[] mac = HMACSHA256.HashData(_key, Encoding.ASCII.GetBytes(encoded));
        return (Prefix + encoded + "." + Base64Url.EncodeToString(mac), expires);
    }

    /// <summary>True when <paramref name="value"/> is a secret this key signed and it has not expired; its bound session, if any.</summary>
    public bool TryValidate(string value, out JsonObject? session)
    {
        session = null;
        if (!value.StartsWith(Prefix, StringComparison.Ordinal) || value.Length > MaxSecretChars)
        {
            return false;
        }

        int dot = value.LastIndexOf('.');
        if (dot <= Prefix.Length)
        {
            return false;
        }

        string encoded = value[Prefix.Length..dot];
        Span<byte> presented = stackalloc byte[64];
        int macLength;
        try
        {
            // It throws, rather than answer false, on characters outside the alphabet.
            if (!Base64Url.TryDecodeFromChars(value.AsSpan(dot + 1), presented, out macLength) || macLength != MacBytes)
            {
                return false;
            }
        }
        catch (FormatException)
        {
            return false;
        }

        byte[] expected = HMACSHA256.HashData(_key, Encoding.ASCII.GetBytes(encoded));
        if (!CryptographicOperations.FixedTimeEquals(expected, presented[..MacBytes]))
        {
            return false;
        }

        try
        {
            if (JsonNode.Parse(Base64Url.DecodeFromChars(encoded)) is not JsonObject payload
                || payload["exp"] is not JsonValue exp || !exp.TryGetValue(out long expiresAt)
                || expiresAt < _time.GetUtcNow().ToUnixTimeSeconds())
            {
                return false;
            }

            session = payload["session"] as JsonObject;
            return true;
        }
        catch (Exception ex) when (ex is JsonException or FormatException)
        {
            // Signed by us, so only a change of format could get here.
            return false;
        }
    }
}
