using Voxgate.Speech.Brain;

namespace Voxgate.Speech.Tests.Brain;

public sealed class IntentParserTests
{
    private static readonly DateOnly Today = new(2026, 11, 23);
    private readonly IntentParser _parser = new([.. new ReceptionistOptions().Services]);

    [Theory]
    [InlineData("hello", "Greeting")]
    [InlineData("good morning", "Greeting")]
    [InlineData("hi there", "Greeting")]
    [InlineData("hello i'd like to book an appointment", "Book")]
    [InlineData("do you have any openings tomorrow", "Book")]
    [InlineData("is three pm free on friday", "Book")]
    [InlineData("i need to cancel my appointment", "Cancel")]
    [InlineData("sorry i can't make it on friday", "Cancel")]
    [InlineData("can i reschedule my appointment", "Move")]
    [InlineData("i'd like to move my booking to thursday", "Move")]
    [InlineData("what time is it", "AskTime")]
    [InlineData("what's the time", "AskTime")]
    [InlineData("what's the date today", "AskDate")]
    [InlineData("what day is it", "AskDate")]
    [InlineData("what are your opening hours", "OpeningHours")]
    [InlineData("are you open on saturday", "OpeningHours")]
    [InlineData("what time do you close today", "OpeningHours")]
    [InlineData("sorry", "Repeat")]
    [InlineData("can you repeat that", "Repeat")]
    [InlineData("say that again", "Repeat")]
    [InlineData("what did you say", "Repeat")]
    [InlineData("bye", "Goodbye")]
    [InlineData("thanks that's all", "Goodbye")]
    [InlineData("no thank you goodbye", "Goodbye")]
    [InlineData("thank you", "Thanks")]
    [InlineData("yes please", "Yes")]
    [InlineData("okay", "Yes")]
    [InlineData("no", "No")]
    [InlineData("never mind", "No")]
    [InlineData("what's the weather like", "None")]
    [InlineData("tomorrow at three", "None")]
    public void Recognises_what_the_caller_asks(string text, string intent) =>
        Assert.Equal(intent, _parser.Parse(text, Today).Intent.ToString());

    [Fact]
    public void A_correction_starting_with_sorry_is_not_a_request_to_repeat()
    {
        Utterance heard = _parser.Parse("sorry i meant four o'clock", Today);

        Assert.Equal(Intent.None, heard.Intent);
        Assert.Equal(new TimeOnly(16, 0), heard.When.Time);
    }

    [Fact]
    public void A_move_separates_the_old_time_from_the_new_one()
    {
        Utterance heard = _parser.Parse("can you move my appointment from tuesday at three to wednesday at ten", Today);

        Assert.Equal(Intent.Move, heard.Intent);
        Assert.Equal(new DateOnly(2026, 11, 24), heard.From.Date);
        Assert.Equal(new TimeOnly(15, 0), heard.From.Time);
        Assert.Equal(new DateOnly(2026, 11, 25), heard.When.Date);
        Assert.Equal(new TimeOnly(10, 0), heard.When.Time);
    }

    [Fact]
    public void A_move_without_a_new_time_names_the_appointment_to_move()
    {
        Utterance heard = _parser.Parse("i'd like to move my appointment on friday at ten", Today);

        Assert.Equal(new DateOnly(2026, 11, 27), heard.From.Date);
        Assert.True(heard.When.IsEmpty);
    }

    [Theory]
    [InlineData("my name is sam lee", "Sam Lee")]
    [InlineData("it's for jo", "Jo")]
    [InlineData("my name is alex and i'd like a haircut", "Alex")]
    [InlineData("this is the clinic", null)]
    public void Reads_the_callers_name(string text, string? name) => Assert.Equal(name, _parser.Parse(text, Today).Name);

    [Fact]
    public void Reads_the_service() => Assert.Equal("haircut", _parser.Parse("can i book a haircut for friday", Today).Service);
}
