using Voxgate.Speech.Brain;
using static Voxgate.Server.Benchmarking.Dialogues.ExpectedCall;

namespace Voxgate.Server.Benchmarking.Dialogues;

/// <summary>
/// The dialogue benchmark's third held-out set: written 2026-12-06 by someone who had not seen the receptionist or its
/// failures, before its first run, and never to be tuned on. The clock is Monday 23 November 2026, 10:00.
/// </summary>
internal static class DialogueThirdSet
{
    public static IReadOnlyList<DialogueScript> All { get; } =
    [
        new("f01-book-day-and-time", Speaker.Clear("rms"), ["hello i'd like to make an appointment for thursday at half past two please"])
        {
            Answers = new() { Name = ["it's stephen collins"] },
            Calls = [Book("2026-11-26", "14:30", "Stephen Collins")],
        },
        new("f02-book-day-then-time", Speaker.Clear("slt"), ["hi could i book an appointment for tomorrow please"])
        {
            Answers = new() { Name = ["jennifer walsh"], Time = ["eleven in the morning please", "eleven o'clock"] },
            Calls = [Book("2026-11-24", "11:00", "Jennifer Walsh")],
        },
        new("f03-book-haircut-fast", Speaker.Fast("awb", 1.3f), ["hiya i'm after a haircut on friday morning at ten if you've got anything"])
        {
            Answers = new() { Name = ["alan murray"] },
            Calls = [Book("2026-11-27", "10:00", "Alan Murray", "haircut")],
        },
        new("f04-book-saturday-manicure", Speaker.Clear("kal16"), ["good morning can i book a manicure for this saturday at twelve"])
        {
            Answers = new() { Name = ["my name is margaret holmes"] },
            Calls = [Book("2026-11-28", "12:00", "Margaret Holmes", "manicure")],
        },
        new("f05-book-blood-test-by-date-slow", Speaker.Slow("slt", 0.85f), ["hello i need to book a blood test for the first of december please"])
        {
            Answers = new() { Name = ["patricia dawson"], Time = ["first thing nine o'clock please", "nine in the morning"] },
            Calls = [Book("2026-12-01", "09:00", "Patricia Dawson", "blood test")],
        },
        new("f06-book-check-up-mumbled", Speaker.Mumbling("rms"), ["hi yeah i wanted to get a check up booked in for next monday at four in the afternoon"])
        {
            Answers = new() { Name = ["gary thompson"] },
            Calls = [Book("2026-11-30", "16:00", "Gary Thompson", "check up")],
        },
        new("f07-book-wednesday", Speaker.Clear("awb"), ["hello there i'd like an appointment on wednesday at three o'clock"])
        {
            Answers = new() { Name = ["it's duncan campbell"] },
            Calls = [Book("2026-11-25", "15:00", "Duncan Campbell")],
        },
        new("f08-book-correct-time-fast", Speaker.Fast("kal16", 1.25f),
            ["hi i'd like to book a massage for friday at eleven please", "sorry can we make it half past one instead"])
        {
            Answers = new() { Name = ["kevin marsh"] },
            Calls = [Book("2026-11-27", "13:30", "Kevin Marsh", "massage")],
        },
        new("f09-book-correct-day", Speaker.Clear("slt"),
            ["hi i'd like to book an eye test on tuesday at ten", "actually wednesday would be better for me same time"])
        {
            Answers = new() { Name = ["deborah lane"] },
            Calls = [Book("2026-11-25", "10:00", "Deborah Lane", "eye test")],
        },
        new("f10-book-slot-taken", Speaker.Clear("rms"), ["could i book a consultation on thursday at two in the afternoon"])
        {
            Answers = new() { Name = ["richard howard"], Confirm = ["yes half past two is fine", "yes please"] },
            Taken = [("2026-11-26", "14:00")],
            Calls = [Book("2026-11-26", "14:30", "Richard Howard", "consultation")],
        },
        new("f11-cancel-by-reference-slow", Speaker.Slow("awb", 0.9f), ["hello i'm ringing to cancel my appointment on wednesday morning something's come up"])
        {
            Existing = [new("GB-20261125-004", new DateOnly(2026, 11, 25), new TimeOnly(11, 30), "Stuart Reynolds")],
            Answers = new() { Name = ["stuart reynolds"], Reference = ["g b two zero two six one one two five zero zero four"] },
            Calls = [Cancel("GB-20261125-004")],
        },
        new("f12-cancel-by-name-mumbled", Speaker.Mumbling("kal16"), ["hi i've got an appointment next thursday the third and i need to cancel it i'm afraid"])
        {
            Existing = [new("GB-20261203-001", new DateOnly(2026, 12, 3), new TimeOnly(9, 30), "Brian Fisher")],
            Answers = new() { Name = ["brian fisher"] },
            Calls = [Cancel("GB-20261203-001")],
        },
        new("f13-move-by-reference-fast", Speaker.Fast("slt", 1.2f), ["hi there i need to move my appointment from friday to next monday please"])
        {
            Existing = [new("GB-20261127-005", new DateOnly(2026, 11, 27), new TimeOnly(10, 0), "Louise Parker")],
            Answers = new()
            {
                Name = ["louise parker"],
                Reference = ["g b two zero two six one one two seven zero zero five"],
                Time = ["the same time please ten o'clock", "ten in the morning"],
            },
            Calls = [Reschedule("GB-20261127-005", "2026-11-30", "10:00")],
        },
        new("f14-move-by-name", Speaker.Clear("rms"),
            ["hello i've got an appointment on tuesday the first of december and i'd like to move it to thursday the third if that's possible"])
        {
            Existing = [new("GB-20261201-003", new DateOnly(2026, 12, 1), new TimeOnly(15, 0), "Anthony Marshall")],
            Answers = new()
            {
                Name = ["anthony marshall"],
                Day = ["thursday the third of december"],
                Time = ["same time please three o'clock in the afternoon", "three in the afternoon"],
            },
            Calls = [Reschedule("GB-20261201-003", "2026-12-03", "15:00")],
        },
        new("f15-hours-saturday", Speaker.Clear("kal16"), ["hello what time do you open on saturday"])
        {
            Answers = new() { Name = ["susan bradley"] },
            Said = ["10 AM"],
            Calls = [],
        },
        new("f16-small-talk-then-book-trim", Speaker.Clear("awb"),
            ["hiya how are you doing today", "good good i was hoping to get a trim booked for tomorrow afternoon at half past three"])
        {
            Answers = new() { Name = ["graham fraser"] },
            Calls = [Book("2026-11-24", "15:30", "Graham Fraser", "trim")],
        },
    ];
}
