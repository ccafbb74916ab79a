using Voxgate.Speech.Brain;
using static Voxgate.Server.Benchmarking.Dialogues.ExpectedCall;

namespace Voxgate.Server.Benchmarking.Dialogues;

/// <summary>
/// The dialogue benchmark's second held-out set: written 2026-12-02 by someone who had not seen the receptionist's
/// failures, before its first run, and never to be tuned on. Report it; tune on <see cref="DialogueDevSet"/>.
/// The clock is Monday 23 November 2026, 10:00.
/// </summary>
internal static class DialogueHeldOutSet
{
    public static IReadOnlyList<DialogueScript> All { get; } =
    [
        new("h01-book", Speaker.Clear("kal16"), ["hello i'd like to book an appointment for wednesday at half past eleven"])
        {
            Answers = new() { Name = ["my name is rachel morgan"] },
            Calls = [Book("2026-11-25", "11:30", "Rachel Morgan")],
        },
        new("h02-day-then-time", Speaker.Clear("slt"), ["hi could i get an appointment please", "next monday"])
        {
            Answers = new() { Time = ["two o'clock if you have it", "two in the afternoon"], Name = ["it's simon price"] },
            Calls = [Book("2026-11-30", "14:00", "Simon Price")],
        },
        new("h03-fast-massage", Speaker.Fast("rms", 1.25f), ["hi there can i book a massage for saturday at eleven"])
        {
            Answers = new() { Name = ["helen foster"] },
            Calls = [Book("2026-11-28", "11:00", "Helen Foster", "massage")],
        },
        new("h04-correct-time", Speaker.Clear("awb"), ["i'd like to come in on tuesday at quarter past ten", "actually sorry can we make it quarter to eleven instead"])
        {
            Answers = new() { Name = ["matthew reed"] },
            Calls = [Book("2026-11-24", "10:45", "Matthew Reed")],
        },
        new("h05-correct-day", Speaker.Slow("slt", 0.9f), ["can i book an appointment for thursday at three please", "sorry i've just remembered i'm working on thursday could we do friday instead"])
        {
            Answers = new() { Name = ["my name is claire robinson"] },
            Calls = [Book("2026-11-27", "15:00", "Claire Robinson")],
        },
        new("h06-taken-take-alternative", Speaker.Clear("kal16"), ["hi i was hoping to get in on thursday at eleven is that free"])
        {
            Taken = [("2026-11-26", "11:00")],
            Answers = new() { Name = ["it's andrew bailey"], Confirm = ["yes that's fine"] },
            Calls = [Book("2026-11-26", "11:30", "Andrew Bailey")],
        },
        new("h07-mumbled-full-date", Speaker.Mumbling("rms"), ["hello could i book in for wednesday the ninth of december at half past ten"])
        {
            Answers = new() { Name = ["my name's sophie mitchell"] },
            Calls = [Book("2026-12-09", "10:30", "Sophie Mitchell")],
        },
        new("h08-fast-tomorrow", Speaker.Fast("awb", 1.3f), ["hiya can you fit me in tomorrow at one"])
        {
            Answers = new() { Name = ["it's oliver dixon"] },
            Calls = [Book("2026-11-24", "13:00", "Oliver Dixon")],
        },
        new("h09-move-by-reference", Speaker.Slow("kal16", 0.85f), ["hi i need to move my appointment to another day"])
        {
            Existing = [new("GB-20261201-002", new DateOnly(2026, 12, 1), new TimeOnly(9, 30), "Karen Palmer")],
            Answers = new()
            {
                Reference = ["yes it's g b two zero two six one two zero one zero zero two"],
                Day = ["thursday the third of december", "the third of december"],
                Time = ["two o'clock", "two in the afternoon"],
            },
            Calls = [Reschedule("GB-20261201-002", "2026-12-03", "14:00")],
        },
        new("h10-move-by-name", Speaker.Fast("slt", 1.2f), ["hello i've got an appointment on wednesday and i need to move it to thursday at ten"])
        {
            Existing = [new("GB-20261125-003", new DateOnly(2026, 11, 25), new TimeOnly(14, 30), "Paul Fletcher")],
            Answers = new() { Name = ["paul fletcher"], Confirm = ["yes"], DontKnow = "sorry i don't have the reference to hand" },
            Calls = [Reschedule("GB-20261125-003", "2026-11-26", "10:00")],
        },
        new("h11-cancel-by-reference", Speaker.Clear("awb"), ["hi i'm calling to cancel an appointment"])
        {
            Existing = [new("GB-20261127-001", new DateOnly(2026, 11, 27), new TimeOnly(10, 0), "Rebecca Shaw")],
            Answers = new() { Reference = ["the reference is g b two oh two six one one two seven oh oh one"] },
            Calls = [Cancel("GB-20261127-001")],
        },
        new("h12-mumbled-cancel-by-name", Speaker.Mumbling("slt"), ["hello i'm afraid i can't make my appointment on thursday could you cancel it for me"])
        {
            Existing = [new("GB-20261126-002", new DateOnly(2026, 11, 26), new TimeOnly(15, 30), "Michael Lawson")],
            Answers = new() { Name = ["it's under michael lawson", "michael lawson"], Confirm = ["yes please"], DontKnow = "sorry i haven't got it with me" },
            Calls = [Cancel("GB-20261126-002")],
        },
        new("h13-hours-today", Speaker.Clear("rms"), ["hi how late are you open today"])
        {
            Said = ["5 PM"],
        },
        new("h14-hours-weekend", Speaker.Slow("awb", 0.85f), ["hello are you open at the weekend"])
        {
            Said = ["10 AM", "2 PM", "closed"],
        },
        new("h15-small-talk-date", Speaker.Clear("kal16"), ["hello there how are you doing", "i've completely lost track what's the date today"])
        {
            Said = ["November 23rd"],
        },
        new("h16-book-then-move", Speaker.Clear("rms"), ["can i book in for wednesday at two please", "jessica porter"])
        {
            AfterBooking = ["oh actually could you move that to friday instead please"],
            Calls = [Book("2026-11-25", "14:00", "Jessica Porter"), Reschedule("GB-20261125-001", "2026-11-27", "14:00")],
        },
    ];
}
