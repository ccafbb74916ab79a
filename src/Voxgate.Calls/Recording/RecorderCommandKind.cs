namespace Voxgate.Calls.Recording;

/// <summary>What a <see cref="RecorderCommand"/> asks of the writer.</summary>
internal enum RecorderCommandKind
{
    Begin,
    CallerAudio,
    AgentAudio,
    Turn,
    Tool,
    Error,
    End,
    Flush,

    /// <summary>A call's WAV is written: its file and length go in the store.</summary>
    Recording,
}
