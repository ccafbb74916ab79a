namespace Voxgate.Server.Relay;

/// <summary>How long a call may sit silent, and last; how long a keypad entry waits for its next key.</summary>
/// <param name="IdleTimeout">Nothing from the caller this long ends the call.</param>
/// <param name="MaxCallDuration">The longest call.</param>
/// <param name="KeypadGap">Keys pressed closer together than this are one entry ("1 2 3 4"); <c>#</c> ends an entry at once. Zero means one second.</param>
internal sealed record CallLimits(TimeSpan IdleTimeout, TimeSpan MaxCallDuration, TimeSpan KeypadGap = default)
{
    public TimeSpan KeypadGapOrDefault => KeypadGap > TimeSpan.Zero ? KeypadGap : TimeSpan.FromSeconds(1);
}
