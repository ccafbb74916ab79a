using System.Buffers.Binary;
using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;

namespace Voxgate.Server.Gateway;

/// <summary>
/// Short-lived signed tokens for <c>/ws</c>: <c>base64url(expiry || HMAC-SHA256(expiry))</c>. Stateless, so any
/// instance sharing <see cref="GatewayOptions.SessionTokenSecret"/> accepts them.
/// </summary>
internal sealed class SessionTokens
{
    private const int ExpiryBytes = 8;
    private const int MacBytes = 32;
    private readonly byte[] _key;
    private readonly TimeSpan _lifetime;
    private readonly TimeProvider _time;

    public SessionTokens(IOptions<GatewayOptions> options, TimeProvider time)
    {
        string? secret = options.Value.SessionTokenSecret;
        _key = string.IsNullOrEmpty(secret) ? RandomNumberGenerator.GetBytes(32) : SHA256.HashData(Encoding.UTF8.GetBytes(secret));
        _lifetime = options.Value.SessionTokenLifetime;
        _time = time;
    }

    public (string Token, DateTimeOffset ExpiresAt) Issue()
    {
        DateTimeOffset expires = _time.GetUtcNow().Add(_lifetime);
        Span<byte> token = stackalloc byte[ExpiryBytes + MacBytes];
        BinaryPrimitives.WriteInt64BigEndian(token, expires.ToUnixTimeSeconds());
        HMACSHA256.HashData(_key, token[..ExpiryBytes], token[ExpiryBytes..]);
        return (Base64Url.EncodeToString(token), expires);
    }

    public bool IsValid(string? token)
    {
        if (string.IsNullOrEmpty(token) || token.Length > 128)
        {
            return false;
        }

        Span<byte> bytes = stackalloc byte[96];
        int length;
        try
        {
            if (!Base64Url.TryDecodeFromChars(token, bytes, out length) || length != ExpiryBytes + MacBytes)
            {
                return false;
            }
        }
        catch (FormatException)
        {
            // Characters outside base64url: Try… throws for those rather than answering false.
            return false;
        }

        Span<byte> expected = stackalloc byte[MacBytes];
        HMACSHA256.HashData(_key, bytes[..ExpiryBytes], expected);
        return CryptographicOperations.FixedTimeEquals(expected, bytes.Slice(ExpiryBytes, MacBytes))
            && BinaryPrimitives.ReadInt64BigEndian(bytes) >= _time.GetUtcNow().ToUnixTimeSeconds();
    }
}
