using Voxgate.Server.Benchmarking.Dialogues;

namespace Voxgate.Server.Tests.Benchmarking.Dialogues;

public sealed class DialogueCallerTests
{
    private static readonly DateOnly Monday = new(2026, 11, 23);

    private static DialogueCaller Caller() => new(
        new DialogueScript("x", Speaker.Clear("slt"), ["book friday at ten thirty"])
        {
            Calls = [ExpectedCall.Book("2026-11-27", "10:30", "Sam Lee", "haircut")],
            AfterBooking = ["actually cancel that"],
        },
        Monday);

    [Fact]
    public void Says_its_lines_then_answers_from_what_it_wants()
    {
        DialogueCaller caller = Caller();

        Assert.Equal("book friday at ten thirty", caller.Next(null));
        Assert.Equal("sam lee", caller.Next("Friday, November 27th at 10:30 AM is free. Can I take your name, please?"));
        Assert.Equal("half past ten", caller.Next("What time on Friday would suit you?"));
        Assert.Equal("ten thirty in the morning", caller.Next("Sorry, what time on Friday would you like?"));
    }

    [Fact]
    public void Corrects_what_it_hears_read_back_wrongly()
    {
        DialogueCaller caller = Caller();
        caller.Next(null);

        Assert.Equal("no half past ten", caller.Next("Friday, November 27th at 2:30 PM is free. Can I take your name, please?"));
        Assert.Equal("no friday", caller.Next("Thursday, November 26th at 10:30 AM is free. Shall I book the haircut for Sam Lee?"));
        Assert.Equal("no my name is sam lee", caller.Next("Shall I book a haircut on Friday, November 27th at 10:30 AM for Stan Lee?"));
        Assert.Equal("no my name is sam lee l e e", caller.Next("Shall I book a haircut on Friday, November 27th at 10:30 AM for Stan Lee?"));
        Assert.Equal("yes please it's for a haircut", caller.Next("Shall I book Friday, November 27th at 10:30 AM for Sam Lee?"));
    }

    [Fact]
    public void Says_its_after_booking_line_once_booked_and_ends_the_call()
    {
        DialogueCaller caller = Caller();
        caller.Next(null);

        Assert.Equal("actually cancel that", caller.Next("You're booked for Friday, November 27th at 10:30 AM. Is there anything else I can help with?"));
        Assert.Equal("no that's all thank you", caller.Next("Your appointment is cancelled. Is there anything else I can help with?"));
        Assert.True(caller.Finished);
        Assert.Null(caller.Next("Thanks for calling. Goodbye."));
    }

    [Fact]
    public void Checks_a_spelling_read_back_letter_by_letter_and_spells_the_part_that_is_wrong()
    {
        DialogueCaller caller = new(
            new DialogueScript("x", Speaker.Clear("slt"), ["book friday at ten thirty"]) { Calls = [ExpectedCall.Book("2026-11-27", "10:30", "Sarah Clark")] },
            Monday);
        caller.Next(null);

        Assert.Equal("no my name is sarah clark c l a r k", caller.Next("Thank you, Sarah Clarke, spelled S A R A H, C L A R K E. Shall I book Friday, November 27th at 10:30 AM for you?"));
        Assert.Equal("no my name is sarah clark s a r a h", caller.Next("Shall I book Friday, November 27th at 10:30 AM for Sara Clark, spelled S A R A, C L A R K?"));
        Assert.Equal("yes please", caller.Next("Shall I book Friday, November 27th at 10:30 AM for Sarah Clark, spelled S A R A H, C L A R K?"));
    }
}
