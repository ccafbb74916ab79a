namespace Voxgate.Speech.Brain;

/// <summary>What the receptionist's last reply asked the caller for, which is how the next words are read.</summary>
internal enum QuestionKind
{
    /// <summary>Nothing in particular (a statement, or "anything else?").</summary>
    None,
    Day,
    Time,
    Name,
    Reference,

    /// <summary>"Shall I book it?": a yes or a no.</summary>
    YesNo,

    /// <summary>Which of several bookings: a day or a time.</summary>
    WhichBooking,

    /// <summary>What to do with the booking the caller spoke of: move it, cancel it or check it.</summary>
    Request,
}
