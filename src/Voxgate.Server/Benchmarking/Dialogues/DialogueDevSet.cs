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

        // Added when the twenty-five above all passed: every voice mumbling, corrections in the voices heard worst, a
        // service added late, and fast callers giving names.
        new("d26-mumbled-massage", Speaker.Mumbling("slt"), ["could i book a massage on friday at two"])
        {
            Answers = new() { Name = ["it's emma wilson"] },
            Calls = [Book("2026-11-27", "14:00", "Emma Wilson", "massage")],
        },
        new("d27-mumbled-correct-day", Speaker.Mumbling("rms"), ["i'd like an appointment on tuesday at eleven", "sorry i meant thursday"])
        {
            Answers = new() { Name = ["my name is tom baker"] },
            Calls = [Book("2026-11-26", "11:00", "Tom Baker")],
        },
        new("d28-robotic-correct-time", Speaker.Clear("kal16"), ["can i book an eye test for wednesday at three", "no make that four o'clock"])
        {
            Answers = new() { Name = ["helen price"] },
            Calls = [Book("2026-11-25", "16:00", "Helen Price", "eye test")],
        },
        new("d29-awb-correct-time", Speaker.Clear("awb"), ["i need a check up on friday at nine", "actually can we do half past ten"])
        {
            Answers = new() { Name = ["my name is mark evans"] },
            Calls = [Book("2026-11-27", "10:30", "Mark Evans", "check up")],
        },
        new("d30-service-late", Speaker.Clear("rms"), ["can i come in on thursday at one"])
        {
            Answers = new() { Name = ["it's claire walker"] },
            Calls = [Book("2026-11-26", "13:00", "Claire Walker", "vaccination")],
        },
        new("d31-fast-name", Speaker.Fast("awb"), ["book me in for monday at two please"])
        {
            Answers = new() { Name = ["my name is simon turner"] },
            Calls = [Book("2026-11-30", "14:00", "Simon Turner")],
        },
        new("d32-mumbled-cancel", Speaker.Mumbling("kal16"), ["i need to cancel my appointment"])
        {
            Existing = [new("GB-20261127-002", new DateOnly(2026, 11, 27), new TimeOnly(10, 0), "Priya Shah")],
            Answers = new() { Reference = ["g b two zero two six one one two seven zero zero two"], Name = ["priya shah"] },
            Calls = [Cancel("GB-20261127-002")],
        },
        new("d33-mumbled-move", Speaker.Mumbling("awb"), ["can i change my appointment to friday"])
        {
            Existing = [new("GB-20261125-004", new DateOnly(2026, 11, 25), new TimeOnly(14, 0), "Daniel Wood")],
            Answers = new() { Reference = ["g b two zero two six one one two five zero zero four"], Time = ["three o'clock", "three in the afternoon"] },
            Calls = [Reschedule("GB-20261125-004", "2026-11-27", "15:00")],
        },
        new("d34-saturday-haircut", Speaker.Clear("slt"), ["do you do haircuts on saturday", "yes can i book one at eleven"])
        {
            Answers = new() { Name = ["it's olivia martin"] },
            Calls = [Book("2026-11-28", "11:00", "Olivia Martin", "haircut")],
        },
        new("d35-fast-correction", Speaker.Fast("rms", 1.25f), ["can i have a consultation tomorrow at four", "actually make it half past four"])
        {
            Answers = new() { Name = ["my name is james hughes"] },
            Calls = [Book("2026-11-24", "16:30", "James Hughes", "consultation")],
        },

        // Added when the thirty-five above passed but one: more time corrections in awb's voice, services mumbled in
        // slt's, and the voices heard worst cancelling and moving.
        new("d36-awb-correct-to-noon", Speaker.Clear("awb"), ["can i book a haircut for thursday at eleven", "sorry can you make that twelve"])
        {
            Answers = new() { Name = ["it's ruth bell"] },
            Calls = [Book("2026-11-26", "12:00", "Ruth Bell", "haircut")],
        },
        new("d37-awb-wait-three", Speaker.Clear("awb"), ["i want to book tuesday at two", "no wait three o'clock please"])
        {
            Answers = new() { Name = ["my name is george ward"] },
            Calls = [Book("2026-11-24", "15:00", "George Ward")],
        },
        new("d38-mumbled-check-up", Speaker.Mumbling("slt"), ["i'd like a check up on wednesday at ten"])
        {
            Answers = new() { Name = ["it's lucy green"] },
            Calls = [Book("2026-11-25", "10:00", "Lucy Green", "check up")],
        },
        new("d39-mumbled-blood-test", Speaker.Mumbling("slt"), ["can i book a blood test for friday morning"])
        {
            Answers = new() { Name = ["nina patel"], Time = ["ten o'clock", "ten in the morning"] },
            Calls = [Book("2026-11-27", "10:00", "Nina Patel", "blood test")],
        },
        new("d40-mumbled-move-day", Speaker.Mumbling("rms"), ["i need to move my appointment on thursday to friday"])
        {
            Existing = [new("GB-20261126-005", new DateOnly(2026, 11, 26), new TimeOnly(9, 30), "Grace Lewis")],
            Answers = new() { Reference = ["g b two zero two six one one two six zero zero five"], Name = ["grace lewis"], Time = ["half past nine"] },
            Calls = [Reschedule("GB-20261126-005", "2026-11-27", "09:30")],
        },
        new("d41-robotic-correct-day", Speaker.Clear("kal16"), ["book a cleaning on monday at three", "actually make it tuesday"])
        {
            Answers = new() { Name = ["my name is chris young"] },
            Calls = [Book("2026-11-24", "15:00", "Chris Young", "cleaning")],
        },
        new("d42-mumbled-follow-up", Speaker.Mumbling("rms"), ["i need a follow up on thursday at half past two"])
        {
            Answers = new() { Name = ["it's paul morris"] },
            Calls = [Book("2026-11-26", "14:30", "Paul Morris", "follow up")],
        },
        new("d43-fast-cancel", Speaker.Fast("awb"), ["cancel my booking for wednesday please"])
        {
            Existing = [new("GB-20261125-006", new DateOnly(2026, 11, 25), new TimeOnly(11, 0), "Peter Hall")],
            Answers = new() { Name = ["peter hall"], Confirm = ["yes"] },
            Calls = [Cancel("GB-20261125-006")],
        },
        new("d44-mumbled-correct-time", Speaker.Mumbling("slt"), ["book me for tuesday at nine", "actually make that eleven"])
        {
            Answers = new() { Name = ["my name is rose hill"] },
            Calls = [Book("2026-11-24", "11:00", "Rose Hill")],
        },
        new("d45-awb-hours-then-book", Speaker.Clear("awb"), ["what time do you open on saturday", "okay can i book a haircut at twelve"])
        {
            Answers = new() { Name = ["it's ian fox"] },
            Calls = [Book("2026-11-28", "12:00", "Ian Fox", "haircut")],
        },
        new("d46-mumbled-cancel-by-name", Speaker.Mumbling("slt"), ["hi i need to cancel my appointment on thursday"])
        {
            Existing = [new("GB-20261126-007", new DateOnly(2026, 11, 26), new TimeOnly(14, 0), "Laura Bennett")],
            Answers = new() { Name = ["laura bennett"] },
            Calls = [Cancel("GB-20261126-007")],
        },
        new("d47-mumbled-cancel-booking", Speaker.Mumbling("slt"), ["can you cancel my booking please"])
        {
            Existing = [new("GB-20261125-008", new DateOnly(2026, 11, 25), new TimeOnly(15, 30), "Tom Harris")],
            Answers = new() { Name = ["it's tom harris"], Confirm = ["yes please"] },
            Calls = [Cancel("GB-20261125-008")],
        },
    ];
}
