namespace Voxgate.Server.Relay;

/// <summary>
/// One thing a transport read from the caller. Audio lies in the transport's receive buffer and is valid until its next
/// read: the relay hands it straight to the upstream, which borrows it only for the send.
/// </summary>
internal readonly record struct CallerInput(CallerInputKind Kind, ReadOnlyMemory<byte> Audio = default, string? ItemId = null, long PlayedMs = 0, string? Text = null, string? Code = null)
{
    public static CallerInput HungUp => new(CallerInputKind.HungUp);

    public static CallerInput TooLarge => new(CallerInputKind.TooLarge);

    public static CallerInput Interrupt => new(CallerInputKind.Interrupt);

    public static CallerInput Speech(ReadOnlyMemory<byte> audio) => new(CallerInputKind.Audio, audio);

    public static CallerInput Played(string? itemId, long playedMs) => new(CallerInputKind.Played, ItemId: itemId, PlayedMs: playedMs);

    public static CallerInput Typed(string text) => new(CallerInputKind.Text, Text: text);

    /// <summary>A key pressed on the phone's keypad.</summary>
    public static CallerInput Keypad(char digit) => new(CallerInputKind.Dtmf, Text: Digits[digit]);

    // One string per key, so a key press allocates nothing.
    private static readonly Dictionary<char, string> Digits = "0123456789*#ABCD".ToDictionary(c => c, c => c.ToString());

    /// <summary>Whether <paramref name="digit"/> is a DTMF key.</summary>
    public static bool IsKey(char digit) => Digits.ContainsKey(digit);

    /// <summary>Input the transport could not use: <paramref name="code"/> and a message for the caller.</summary>
    public static CallerInput Malformed(string code, string message) => new(CallerInputKind.Malformed, Text: message, Code: code);
}
