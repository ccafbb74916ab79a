using Voxgate.Speech.Brain;

namespace Voxgate.Speech.Tests.Brain;

public sealed class QuestionsTests
{
    [Theory]
    [InlineData("What day would you like to come in?", "Day")]
    [InlineData("Sorry, I didn't catch the day. Could you say a day like Friday, or the third of December?", "Day")]
    [InlineData("Sorry, we're closed on Sundays. Which other day would suit you?", "Day")]
    [InlineData("What time on Friday, November 27th would suit you? We're open from 9 AM to 5 PM.", "Time")]
    [InlineData("On Thursday, November 26th I have 9 AM, 10 AM or 10:30 AM free. What time would suit you?", "Time")]
    [InlineData("Sorry, I didn't catch the time. Could you say a time like ten thirty, or four o'clock?", "Time")]
    [InlineData("Friday, November 27th at 10:30 AM is free. Can I take your name, please?", "Name")]
    [InlineData("Sorry, I may have misheard your name. Could you spell your surname for me, letter by letter?", "Name")]
    [InlineData("Do you have your booking reference? It starts with G B.", "Reference")]
    [InlineData("Sorry, I didn't get the whole reference. Could you read the reference one character at a time, starting with G B?", "Reference")]
    [InlineData("Thank you, Sam Lee. Shall I book Tuesday, November 24th at 3 PM for you?", "YesNo")]
    [InlineData("Thank you, Sam Lee, spelled L E E. Shall I book Tuesday, November 24th at 3 PM for you?", "YesNo")]
    [InlineData("Sorry, shall I book Tuesday, November 24th at 3 PM for Sara Clark, spelled S A R A, C L A R K?", "YesNo")]
    [InlineData("Sorry, Tuesday, November 24th at 3 PM is taken, but 3:30 PM is free. Shall I book that?", "YesNo")]
    [InlineData("I have an appointment for Sam Lee on Tuesday, November 24th at 3 PM. Shall I cancel it?", "YesNo")]
    [InlineData("Sorry, shall I cancel your appointment on Tuesday, November 24th at 3 PM?", "YesNo")]
    [InlineData("I'm sorry, shall I book Tuesday, November 24th at 3 PM for Sam Lee?", "YesNo")]
    [InlineData("I have bookings on Tuesday, November 24th at 9 AM and Thursday, November 26th at 3 PM. Which one is it?", "WhichBooking")]
    [InlineData("You're booked for Friday, November 27th at 9 AM. Your reference is G B, 2 0 2 6 1 1 2 7, 0 0 1. Is there anything else I can help with?", "None")]
    [InlineData("We're open Monday to Friday from 9 AM to 5 PM.", "None")]
    public void Reads_what_the_receptionist_asked_from_its_own_words(string reply, string kind) =>
        Assert.Equal(Enum.Parse<QuestionKind>(kind), Questions.KindOf(reply));

    [Fact]
    public void Asks_in_new_words_then_with_examples_and_never_twice_alike_in_a_row()
    {
        string[] asked = [.. Enumerable.Range(0, 6).Select(n => Questions.Pick(n, "first", "again", "example", "another example"))];

        Assert.Equal(["first", "again", "example", "another example", "example", "another example"], asked);
    }
}
