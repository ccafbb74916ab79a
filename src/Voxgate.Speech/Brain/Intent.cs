namespace Voxgate.Speech.Brain;

/// <summary>What a caller's utterance asks for.</summary>
internal enum Intent
{
    /// <summary>Nothing recognised; may still carry a date, a time, a name or a service.</summary>
    None,
    Greeting,
    AskTime,
    AskDate,
    OpeningHours,
    Book,
    Move,
    Cancel,
    Repeat,
    Goodbye,
    Thanks,
    Yes,
    No,
}
