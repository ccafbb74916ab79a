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
    [InlineData("i need to fast for my appointment", "AboutBooking")]
    [InlineData("it's about my booking", "AboutBooking")]
    [InlineData("i already have an appointment", "AboutBooking")]
    [InlineData("no i already have an appointment", "No")]
    [InlineData("no i have a booking already", "No")]
    [InlineData("i'd like to book my appointment", "Book")]
    [InlineData("my appointment on friday please", "Book")]
    [InlineData("what's the weather like", "None")]
    [InlineData("tomorrow at three", "None")]
    public void Recognises_what_the_caller_asks(string text, string intent) =>
        Assert.Equal(intent, _parser.Parse(text, Today).Intent.ToString());

    [Theory]
    [InlineData("cancel it please", "Cancel")]
    [InlineData("move it", "Move")]
    [InlineData("when is it", "Check")]
    [InlineData("just check it", "Check")]
    [InlineData("a new one please", "Book")]
    [InlineData("um what", "None")]
    public void Answers_to_what_to_do_with_a_booking_are_requests(string text, string intent) =>
        Assert.Equal(intent, _parser.Parse(text, Today, QuestionKind.Request, timeMissing: false).Intent.ToString());

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
    [InlineData("my name is nine in patel", "Patel")]
    public void Reads_the_callers_name(string text, string? name) => Assert.Equal(name, _parser.Parse(text, Today).Name);

    [Fact]
    public void Reads_the_service() => Assert.Equal("haircut", _parser.Parse("can i book a haircut for friday", Today).Service);

    [Theory]
    [InlineData("for o'clock would be great", "Time", 16, 0)]
    [InlineData("foreign clock would be great", "Time", 16, 0)]
    [InlineData("far o'clock please", "None", 16, 0)]
    [InlineData("monday at mind then please", "Time", 9, 0)]
    [InlineData("monday at mind then please", "None", 9, 0)]
    [InlineData("mind please", "Time", 9, 0)]
    [InlineData("half past free", "None", 15, 30)]
    [InlineData("at ate thirty", "Time", 8, 30)]
    [InlineData("ten a clock", "None", 10, 0)]
    [InlineData("could i book a massage on friday at you", "None", 14, 0)]
    [InlineData("sam lee at ten", "Name", 10, 0)]
    public void Near_misses_of_times_are_read_as_the_time_meant(string heard, string asked, int hour, int minute) =>
        Assert.Equal(new TimeOnly(hour, minute), _parser.Parse(heard, Today, Enum.Parse<QuestionKind>(asked), timeMissing: false).When.Time);

    [Theory]
    [InlineData("that's fine", "Time")]
    [InlineData("that works for me", "Time")]
    [InlineData("i'm fine thanks", "None")]
    [InlineData("a massage for thirty minutes please", "None")]
    [InlineData("mind the step", "None")]
    [InlineData("i'm well how about you", "Time")]
    [InlineData("thank you", "Time")]
    [InlineData("nine in patel", "Name")]
    public void Words_that_only_sound_like_hours_stay_words(string heard, string asked) =>
        Assert.Null(_parser.Parse(heard, Today, Enum.Parse<QuestionKind>(asked), timeMissing: false).When.Time);

    [Theory]
    [InlineData("actually make that ten instead", null, 10, 0)]
    [InlineData("actually tuesday", 24, null, null)]
    [InlineData("sorry i meant thursday", 26, null, null)]
    [InlineData("no not three four", null, 16, 0)]
    [InlineData("no i said half past two", null, 14, 30)]
    [InlineData("can we do eleven instead", null, 11, 0)]
    [InlineData("instead of tuesday can i have wednesday", 25, null, null)]
    public void Corrections_are_flagged_and_carry_the_value_meant(string text, int? day, int? hour, int? minute)
    {
        Utterance heard = _parser.Parse(text, Today, QuestionKind.Name, timeMissing: false);

        Assert.True(heard.Correction);
        Assert.Equal(day is null ? null : new DateOnly(2026, 11, day.Value), heard.When.Date);
        Assert.Equal(hour is null ? null : new TimeOnly(hour.Value, minute!.Value), heard.When.Time);
        Assert.NotEqual(Intent.Move, heard.Intent);
    }

    [Fact]
    public void Changing_an_appointment_is_still_a_move_and_a_plain_answer_no_correction()
    {
        Assert.Equal(Intent.Move, _parser.Parse("can i change my appointment to friday", Today).Intent);
        Assert.False(_parser.Parse("friday at ten", Today).Correction);
    }

    [Theory]
    [InlineData("my reference is g b two zero two six one one two seven zero zero one", "None")]
    [InlineData("it's g b twenty twenty six eleven twenty seven double oh one", "None")]
    [InlineData("g b dash two oh two six one one two seven dash zero zero one", "None")]
    [InlineData("two zero two six one one two seven zero zero one", "Reference")]
    [InlineData("um gee bee two zero two six one one two seven zero zero one", "None")]
    public void Reads_a_spoken_booking_reference(string text, string asked)
    {
        Utterance heard = _parser.Parse(text, Today, Enum.Parse<QuestionKind>(asked), timeMissing: false);

        Assert.Equal("GB-20261127-001", heard.Reference);
        Assert.True(heard.When.IsEmpty, "a reference's digits are not a date or a time");
    }

    [Fact]
    public void A_reference_heard_only_in_part_is_no_reference()
    {
        Utterance heard = _parser.Parse("g b two zero two six one one", Today, QuestionKind.Reference, timeMissing: false);

        Assert.Null(heard.Reference);
        Assert.True(heard.PartialReference);
        Assert.Null(_parser.Parse("two zero two six one one two seven zero zero one", Today).Reference);
    }

    [Theory]
    [InlineData("sam lee", "Sam Lee")]
    [InlineData("it's amy clarke", "Amy Clarke")]
    [InlineData("yes it's sam", "Sam")]
    [InlineData("i'm olivia brown", "Olivia Brown")]
    [InlineData("mister walker", "Walker")]
    [InlineData("so jones", "Jones")]
    [InlineData("it's amy clark c l a r k e", "Amy Clarke")]
    [InlineData("no my name is catherine gray k a t h e r i n e", "Katherine Gray")]
    [InlineData("yes please", null)]
    [InlineData("sorry i don't know", null)]
    [InlineData("what", null)]
    public void Reads_a_name_given_as_the_answer_to_the_name_question(string text, string? name) =>
        Assert.Equal(name, _parser.Parse(text, Today, QuestionKind.Name, timeMissing: false).Name);

    [Fact]
    public void A_bare_answer_is_a_name_only_when_the_name_was_asked()
    {
        Assert.Null(_parser.Parse("sam lee", Today).Name);
        Assert.Equal("Sam Lee", _parser.Parse("now my name is sam lee", Today, QuestionKind.YesNo, timeMissing: false).Name);
        Assert.Equal(Intent.No, _parser.Parse("now my name is sam lee", Today, QuestionKind.YesNo, timeMissing: false).Intent);
    }

    [Theory]
    [InlineData("us", "YesNo", "Yes")]
    [InlineData("u s", "YesNo", "Yes")]
    [InlineData("u s please", "YesNo", "Yes")]
    [InlineData("us please", "YesNo", "Yes")]
    [InlineData("usual", "YesNo", "None")]
    [InlineData("us", "None", "None")]
    [InlineData("u s", "Name", "None")]
    public void A_yes_heard_without_its_y_is_a_yes_only_after_a_yes_or_no_question(string text, string asked, string intent) =>
        Assert.Equal(Enum.Parse<Intent>(intent), _parser.Parse(text, Today, Enum.Parse<QuestionKind>(asked), timeMissing: false).Intent);

    [Theory]
    [InlineData("yes please it's for a vaccination", "YesNo")]
    [InlineData("it's for a massage", "Name")]
    [InlineData("the blood test please", "Name")]
    public void A_service_is_never_read_as_a_name(string text, string asked)
    {
        Utterance heard = _parser.Parse(text, Today, Enum.Parse<QuestionKind>(asked), timeMissing: false);
        Assert.Null(heard.Name);
        Assert.NotNull(heard.Service);
    }

    [Theory]
    [InlineData("he had w s l n")]
    [InlineData("m p s")]
    public void Letters_without_a_vowel_spell_no_name(string heard)
    {
        Utterance utterance = _parser.Parse(heard, Today, QuestionKind.Name, timeMissing: false);
        Assert.Null(utterance.Spelled);
        Assert.Null(utterance.Name);
    }

    [Fact]
    public void Reads_spelled_letters_a_phone_number_and_not_knowing()
    {
        Assert.Equal("clarke", _parser.Parse("c l a r k e", Today, QuestionKind.Name, timeMissing: false).Spelled);
        Utterance trailing = _parser.Parse("m o r g a n yeah", Today, QuestionKind.Name, timeMissing: false);
        Assert.Equal(("morgan", null), (trailing.Spelled, trailing.Name));
        Assert.Equal("reid", _parser.Parse("are e i d", Today, QuestionKind.Name, timeMissing: false).Spelled);
        Assert.Equal("reid", _parser.Parse("r e eye d", Today, QuestionKind.Name, timeMissing: false).Spelled);
        Assert.Null(_parser.Parse("are you open", Today, QuestionKind.Name, timeMissing: false).Spelled);
        Assert.Null(_parser.Parse("can i see a doctor", Today, QuestionKind.Name, timeMissing: false).Spelled);
        Utterance respelled = _parser.Parse("no it's c l a r k", Today, QuestionKind.YesNo, timeMissing: false);
        Assert.Equal(("clark", null), (respelled.Spelled, respelled.Name));
        Assert.Equal("07700900123", _parser.Parse("my number is oh seven seven zero zero nine zero zero one two three", Today).Phone);
        Utterance unknown = _parser.Parse("sorry i don't have it", Today, QuestionKind.Reference, timeMissing: false);
        Assert.True(unknown.DoesNotKnow);
        Assert.Equal(Intent.None, unknown.Intent);
    }

    [Fact]
    public void Spoken_service_names_match_however_they_are_split()
    {
        Assert.Equal("haircut", _parser.Parse("i need a hair cut tomorrow", Today).Service);
        Assert.Equal("check up", _parser.Parse("can i have a checkup", Today).Service);
    }
}
