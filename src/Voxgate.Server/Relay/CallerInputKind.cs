namespace Voxgate.Server.Relay;

/// <summary>What a transport read from the caller.</summary>
internal enum CallerInputKind
{
    /// <summary>Caller audio in the transport's format.</summary>
    Audio,

    /// <summary>How much of an agent item the caller has heard.</summary>
    Played,

    /// <summary>Typed text instead of speech.</summary>
    Text,

    /// <summary>The caller asks the agent to stop now.</summary>
    Interrupt,

    /// <summary>A key the caller pressed on the phone (<see cref="CallerInput.Text"/>: 0–9, *, #, A–D).</summary>
    Dtmf,

    /// <summary>Something the transport could not use; <see cref="CallerInput.Text"/> says what, and the call goes on.</summary>
    Malformed,

    /// <summary>A message over the transport's size limit; the call must end.</summary>
    TooLarge,

    /// <summary>The caller is gone.</summary>
    HungUp,
}
