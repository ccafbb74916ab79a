using System.Security.Cryptography;
using System.Text.Json;

namespace Voxgate.Realtime.Protocol;

/// <summary>Server <c>event_…</c> ids, written straight into the JSON without a string.</summary>
internal static class EventIds
{
    private static ReadOnlySpan<byte> Alphabet => "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"u8;

    public static void Write(Utf8JsonWriter writer, ReadOnlySpan<byte> propertyName)
    {
        Span<byte> id = stackalloc byte[6 + 20];
        "event_"u8.CopyTo(id);
        Span<byte> random = stackalloc byte[20];
        RandomNumberGenerator.Fill(random);
        for (int i = 0; i < random.Length; i++)
        {
            id[6 + i] = Alphabet[random[i] % Alphabet.Length];
        }

        writer.WriteString(propertyName, id);
    }

    public static string New(string prefix)
    {
        Span<byte> random = stackalloc byte[20];
        RandomNumberGenerator.Fill(random);
        return string.Create(prefix.Length + 20, (prefix, random.ToArray()), static (chars, state) =>
        {
            state.prefix.CopyTo(chars);
            for (int i = 0; i < state.Item2.Length; i++)
            {
                chars[state.prefix.Length + i] = (char)Alphabet[state.Item2[i] % Alphabet.Length];
            }
        });
    }
}
