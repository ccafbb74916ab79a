namespace Voxgate.Speech.Brain;

/// <summary>What a caller's utterance asks for.</summary>
internal enum Intent
{
    /// <summary>Nothing recognised; may still carry a date, a time, a name, a reference or a service.</summary>
    None,
    Greeting,
    HowAreYou,
    AskTime,
    AskDate,
    OpeningHours,
    Book,
    Move,
    Cancel,

    /// <summary>"When is my appointment?": look a booking up.</summary>
    Check,

    /// <summary>"My appointment" with no verb understood ("i need to fast for my appointment"): move, cancel or check?</summary>
    AboutBooking,
    Repeat,
    Goodbye,
    Thanks,
    Yes,
    No,
}
