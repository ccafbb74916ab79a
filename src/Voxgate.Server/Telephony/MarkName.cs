using System.Buffers.Text;
using System.Text;

namespace Voxgate.Server.Telephony;

/// <summary>
/// A mark's name: the agent item it follows and the milliseconds of that item sent up to it, <c>item_123:1200</c> — so an
/// echoed mark says, on its own, how much of which item the caller has heard.
/// </summary>
internal static class MarkName
{
    /// <summary>Writes <c>{item}:{ms}</c> into <paramref name="destination"/>; the length written.</summary>
    public static int Format(ReadOnlySpan<byte> itemUtf8, long sentMs, Span<byte> destination)
    {
        itemUtf8.CopyTo(destination);
        destination[itemUtf8.Length] = (byte)':';
        Utf8Formatter.TryFormat(sentMs, destination[(itemUtf8.Length + 1)..], out int digits);
        return itemUtf8.Length + 1 + digits;
    }

    /// <summary>Reads an echoed name; false for one Voxgate did not write.</summary>
    public static bool TryParse(ReadOnlySpan<byte> name, out ReadOnlySpan<byte> itemUtf8, out long sentMs)
    {
        int colon = name.LastIndexOf((byte)':');
        itemUtf8 = colon > 0 ? name[..colon] : default;
        sentMs = 0;
        return colon > 0 && Utf8Parser.TryParse(name[(colon + 1)..], out sentMs, out int consumed) && consumed == name.Length - colon - 1 && sentMs >= 0;
    }

    /// <summary>The most bytes a name of <paramref name="itemId"/> takes.</summary>
    public static int MaxBytes(string itemId) => Encoding.UTF8.GetMaxByteCount(itemId.Length) + 21;
}
