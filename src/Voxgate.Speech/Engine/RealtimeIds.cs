using System.Security.Cryptography;

namespace Voxgate.Speech.Engine;

/// <summary>OpenAI-style ids: a prefix and random letters, e.g. <c>item_Q7r2…</c>.</summary>
internal static class RealtimeIds
{
    private const string Alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

    public static string Session() => Make("sess_");

    public static string Item() => Make("item_");

    public static string Response() => Make("resp_");

    public static string Event() => Make("event_");

    public static string Call() => Make("call_");

    public static string Conversation() => Make("conv_");

    private static string Make(string prefix) => string.Create(prefix.Length + 20, prefix, static (span, p) =>
    {
        p.CopyTo(span);
        RandomNumberGenerator.GetItems(Alphabet, span[p.Length..]);
    });
}
