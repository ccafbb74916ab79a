namespace Voxgate.Server.Relay;

/// <summary>What the relay tells its own loop, from a timer or another thread.</summary>
internal enum RelayNote
{
    /// <summary>Not a note: the signal is upstream or caller input.</summary>
    None,

    /// <summary>The agent asked to end the call (its <c>end_call</c> tool ran).</summary>
    HangUpRequested,

    /// <summary>The caller paused after pressing keys: the entry is complete.</summary>
    KeypadPaused,
}
