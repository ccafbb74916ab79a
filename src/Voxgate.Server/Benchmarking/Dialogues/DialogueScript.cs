using Voxgate.Speech.Brain;

namespace Voxgate.Server.Benchmarking.Dialogues;

/// <summary>
/// One scripted conversation: who calls, the lines they open with (said in order, one a turn, whatever the
/// receptionist answers), what they answer when asked afterwards, the bookings already in the book, and what must
/// happen for the task to count as done.
/// </summary>
internal sealed record DialogueScript(string Id, Speaker Speaker, IReadOnlyList<string> Lines)
{
    public CallerAnswers Answers { get; init; } = new();

    /// <summary>Lines said in order once the receptionist has confirmed a booking or a move ("actually, cancel that").</summary>
    public IReadOnlyList<string> AfterBooking { get; init; } = [];

    /// <summary>Appointments in the book before the call.</summary>
    public IReadOnlyList<Appointment> Existing { get; init; } = [];

    /// <summary>Slots already taken by other people (not findable by the caller).</summary>
    public IReadOnlyList<(string Date, string Time)> Taken { get; init; } = [];

    /// <summary>The booking changes that must be made, and no others.</summary>
    public IReadOnlyList<ExpectedCall> Calls { get; init; } = [];

    /// <summary>Words the receptionist must say at some point (case-insensitive), e.g. the hours asked for.</summary>
    public IReadOnlyList<string> Said { get; init; } = [];
}
