using Voxgate.Speech.Brain;
using static Voxgate.Server.Benchmarking.Dialogues.ExpectedCall;

namespace Voxgate.Server.Benchmarking.Dialogues;

/// <summary>
/// The dialogue benchmark's development set: the conversations the receptionist is tuned on. The clock is
/// Monday 23 November 2026, 10:00.
/// </summary>
internal static class DialogueDevSet
{
    public static IReadOnlyList<DialogueScript> All { get; } =
    [
        new("d01-book", Speaker.Clear("rms"), ["i'd like to book an appointment on friday at ten thirty"])
        {
            Answers = new() { Name = ["sam lee"] },
            Calls = [Book("2026-11-27", "10:30", "Sam Lee")],
        },
        new("d02-day-then-time", Speaker.Clear("slt"), ["hello i need an appointment", "wednesday"])
        {
            Answers = new() { Time = ["eleven o'clock", "eleven in the morning"], Name = ["it's kate wright"] },
            Calls = [Book("2026-11-25", "11:00", "Kate Wright")],
        },
        new("d03-correct-time", Speaker.Clear("rms"), ["can i come in on monday at nine", "actually make that ten instead"])
        {
            Answers = new() { Name = ["my name is ben moore"] },
            Calls = [Book("2026-11-30", "10:00", "Ben Moore")],
        },
        new("d04-correct-day", Speaker.Clear("awb"), ["book a consultation for tuesday at four please", "actually wednesday"])
        {
            Answers = new() { Name = ["hannah scott"] },
            Calls = [Book("2026-11-25", "16:00", "Hannah Scott", "consultation")],
        },
        new("d05-four-o-clock", Speaker.Clear("slt"), ["do you have anything on thursday"])
        {
            Answers = new() { Time = ["four o'clock would be great", "four in the afternoon"], Name = ["it's jack taylor"] },
            Calls = [Book("2026-11-26", "16:00", "Jack Taylor")],
        },
        new("d06-taken-alternative", Speaker.Clear("awb"), ["is two o'clock on friday free"])
        {
            Taken = [("2026-11-27", "14:00")],
            Answers = new() { Name = ["my name is ella king"] },
            Calls = [Book("2026-11-27", "14:30", "Ella King")],
        },
        new("d07-cancel-by-reference", Speaker.Clear("rms"), ["hi i'd like to cancel my appointment please"])
        {
            Existing = [new("GB-20261125-001", new DateOnly(2026, 11, 25), new TimeOnly(9, 0), "Laura Hill")],
            Answers = new() { Reference = ["it's g b two zero two six one one two five zero zero one"] },
            Calls = [Cancel("GB-20261125-001")],
        },
        new("d08-cancel-by-name", Speaker.Fast("slt", 1.2f), ["i can't make my appointment tomorrow can you cancel it"])
        {
            Existing = [new("GB-20261124-002", new DateOnly(2026, 11, 24), new TimeOnly(11, 30), "Ryan Cooper")],
            Answers = new() { Name = ["ryan cooper"], Confirm = ["yes"] },
            Calls = [Cancel("GB-20261124-002")],
        },
        new("d09-move-by-reference", Speaker.Clear("awb"), ["can i move my appointment"])
        {
            Existing = [new("GB-20261126-003", new DateOnly(2026, 11, 26), new TimeOnly(15, 0), "Zoe Adams")],
            Answers = new() { Reference = ["g b two zero two six one one two six zero zero three"], Day = ["friday"], Time = ["at eleven", "eleven in the morning"] },
            Calls = [Reschedule("GB-20261126-003", "2026-11-27", "11:00")],
        },
        new("d10-hours", Speaker.Clear("slt"), ["what are your opening hours"])
        {
            Said = ["9 AM", "5 PM"],
        },
        new("d11-hours-saturday", Speaker.Fast("rms"), ["are you open on saturday"])
        {
            Said = ["10 AM", "2 PM"],
        },
        new("d12-date", Speaker.Clear("awb"), ["what's the date today"])
        {
            Said = ["November 23rd"],
        },
        new("d13-morning-proposal", Speaker.Slow("slt"), ["good afternoon", "could i book something for tomorrow morning"])
        {
            Answers = new() { Confirm = ["yes that's fine"], Name = ["it's amy clarke"] },
            Calls = [Book("2026-11-24", "10:00", "Amy Clarke")],
        },
        new("d14-book-then-move", Speaker.Clear("rms"), ["book me in for thursday at three please", "joe martin"])
        {
            AfterBooking = ["actually can you make that half past four instead"],
            Calls = [Book("2026-11-26", "15:00", "Joe Martin"), Reschedule("GB-20261126-001", "2026-11-26", "16:30")],
        },
        new("d15-mumbled-blood-test", Speaker.Mumbling("awb"), ["i'd like a blood test on wednesday at half past nine"])
        {
            Answers = new() { Name = ["my name is george hughes"] },
            Calls = [Book("2026-11-25", "09:30", "George Hughes", "blood test")],
        },
        new("d16-fast-haircut", Speaker.Fast("slt", 1.35f), ["hi i need a haircut tomorrow at noon"])
        {
            Answers = new() { Name = ["lily ward"] },
            Calls = [Book("2026-11-24", "12:00", "Lily Ward", "haircut")],
        },
        new("d17-small-talk", Speaker.Clear("rms"), ["hi there", "thank you that's all"])
        {
            Said = ["goodbye"],
        },
        new("d18-decline-proposal", Speaker.Clear("awb"), ["do you have anything on friday morning", "no i'd prefer eleven"])
        {
            Answers = new() { Name = ["it's nick bell"] },
            Calls = [Book("2026-11-27", "11:00", "Nick Bell")],
        },
        new("d19-robotic-hours", Speaker.Clear("kal16"), ["what time do you open tomorrow"])
        {
            Said = ["9 AM"],
        },
        new("d20-robotic-booking", Speaker.Clear("kal16"), ["hello can i book an appointment for wednesday at eleven"])
        {
            Answers = new() { Name = ["my name is grace hall"] },
            Calls = [Book("2026-11-25", "11:00", "Grace Hall")],
        },

        // Added when the twenty above all passed: a bare "yes" in each voice that says it least clearly, and names said slowly.
        new("d21-plain-yes", Speaker.Clear("awb"), ["can i book an appointment for thursday at two"])
        {
            Answers = new() { Name = ["it's peter smith"], Confirm = ["yes"] },
            Calls = [Book("2026-11-26", "14:00", "Peter Smith")],
        },
        new("d22-robotic-yes", Speaker.Clear("kal16"), ["i'd like an appointment on friday at three"])
        {
            Answers = new() { Name = ["lucy hall"], Confirm = ["yes"] },
            Calls = [Book("2026-11-27", "15:00", "Lucy Hall")],
        },
        new("d23-slow-name", Speaker.Slow("rms"), ["book me in for tuesday at eleven please"])
        {
            Answers = new() { Name = ["my name is david king"], Confirm = ["yes"] },
            Calls = [Book("2026-11-24", "11:00", "David King")],
        },
        new("d24-sound-alike-surname", Speaker.Clear("slt"), ["can i book a check up for wednesday at eleven"])
        {
            Answers = new() { Name = ["my name is amy reid"] },
            Calls = [Book("2026-11-25", "11:00", "Amy Reid", "check up")],
        },
        new("d25-sound-alike-first-name", Speaker.Clear("kal16"), ["i'd like an appointment on thursday at half past two"])
        {
            Answers = new() { Name = ["it's katherine gray"] },
            Calls = [Book("2026-11-26", "14:30", "Katherine Gray")],
        },
    ];
}
