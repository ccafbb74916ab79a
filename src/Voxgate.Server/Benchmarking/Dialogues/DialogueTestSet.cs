using Voxgate.Speech.Brain;
using static Voxgate.Server.Benchmarking.Dialogues.ExpectedCall;

namespace Voxgate.Server.Benchmarking.Dialogues;

/// <summary>
/// The dialogue benchmark's test set: written before the receptionist was reworked and never run while tuning it.
/// Report it; tune on <see cref="DialogueDevSet"/>. The clock is Monday 23 November 2026, 10:00.
/// </summary>
internal static class DialogueTestSet
{
    public static IReadOnlyList<DialogueScript> All { get; } =
    [
        new("t01-book", Speaker.Clear("slt"), ["hi i'd like to book an appointment for thursday at two thirty"])
        {
            Answers = new() { Name = ["my name is olivia brown"] },
            Calls = [Book("2026-11-26", "14:30", "Olivia Brown")],
        },
        new("t02-day-then-time", Speaker.Clear("rms"), ["can i make an appointment please", "tuesday the first of december"])
        {
            Answers = new() { Time = ["ten o'clock", "ten in the morning"], Name = ["it's peter walker"] },
            Calls = [Book("2026-12-01", "10:00", "Peter Walker")],
        },
        new("t03-correct-time", Speaker.Clear("awb"), ["i'd like to book a haircut on friday at three", "actually make that four instead"])
        {
            Answers = new() { Name = ["sarah jones"] },
            Calls = [Book("2026-11-27", "16:00", "Sarah Jones", "haircut")],
        },
        new("t04-correct-day", Speaker.Fast("slt", 1.25f), ["could i come in on wednesday at eleven", "sorry i meant thursday"])
        {
            Answers = new() { Name = ["my name is james wilson"] },
            Calls = [Book("2026-11-26", "11:00", "James Wilson")],
        },
        new("t05-taken-take-alternative", Speaker.Clear("rms"), ["do you have anything on wednesday at ten"])
        {
            Taken = [("2026-11-25", "10:00")],
            Answers = new() { Name = ["emma davies"] },
            Calls = [Book("2026-11-25", "10:30", "Emma Davies")],
        },
        new("t06-cancel-by-reference", Speaker.Clear("awb"), ["i need to cancel my appointment"])
        {
            Existing = [new("GB-20261124-001", new DateOnly(2026, 11, 24), new TimeOnly(15, 0), "Sam Lee")],
            Answers = new() { Reference = ["the reference is g b two zero two six one one two four zero zero one"], Confirm = ["yes"] },
            Calls = [Cancel("GB-20261124-001")],
        },
        new("t07-move-by-name", Speaker.Clear("slt"), ["hello i'd like to move my appointment to friday at one"])
        {
            Existing = [new("GB-20261126-001", new DateOnly(2026, 11, 26), new TimeOnly(9, 30), "Daniel Green")],
            Answers = new() { Name = ["daniel green"], Confirm = ["yes"] },
            Calls = [Reschedule("GB-20261126-001", "2026-11-27", "13:00")],
        },
        new("t08-hours-saturday", Speaker.Fast("rms"), ["what time do you close on saturday"])
        {
            Said = ["2 PM"],
        },
        new("t09-hours-sunday", Speaker.Clear("kal16"), ["are you open on sunday"])
        {
            Said = ["closed"],
        },
        new("t10-afternoon-proposal", Speaker.Slow("awb", 0.9f), ["good morning", "i'd like an appointment tomorrow afternoon"])
        {
            Answers = new() { Confirm = ["yes that works"], Name = ["it's lucy harris"] },
            Calls = [Book("2026-11-24", "14:00", "Lucy Harris")],
        },
        new("t11-book-then-cancel", Speaker.Clear("slt"), ["book me in for friday at nine please", "tom baker"])
        {
            AfterBooking = ["actually can you cancel that please"],
            Answers = new() { Confirm = ["yes"] },
            Calls = [Book("2026-11-27", "09:00", "Tom Baker"), Cancel("GB-20261127-001")],
        },
        new("t12-small-talk-time", Speaker.Clear("rms"), ["hello how are you", "what time is it"])
        {
            Said = ["10 AM"],
        },
        new("t13-reschedule-by-reference", Speaker.Fast("awb", 1.2f), ["i want to reschedule my booking the reference is g b two zero two six one one two five zero zero two"])
        {
            Existing = [new("GB-20261125-002", new DateOnly(2026, 11, 25), new TimeOnly(11, 0), "Grace Hall")],
            Answers = new() { Day = ["monday"], Time = ["half past three", "three thirty in the afternoon"] },
            Calls = [Reschedule("GB-20261125-002", "2026-11-30", "15:30")],
        },
        new("t14-mumbled-check-up", Speaker.Mumbling("slt"), ["hi can i book a check up on thursday at ten"])
        {
            Answers = new() { Name = ["my name is anna clark"] },
            Calls = [Book("2026-11-26", "10:00", "Anna Clark", "check up")],
        },
        new("t15-closed-day", Speaker.Clear("rms"), ["i'd like to book on sunday at eleven", "monday then"])
        {
            Answers = new() { Name = ["mark evans"] },
            Calls = [Book("2026-11-30", "11:00", "Mark Evans")],
        },
        new("t16-name-first", Speaker.Clear("awb"), ["hello this is chris turner i'd like to book an appointment", "the third of december"])
        {
            Answers = new() { Time = ["at quarter past two", "two fifteen in the afternoon"] },
            Calls = [Book("2026-12-03", "14:15", "Chris Turner")],
        },
    ];
}
