using Microsoft.Extensions.AI;
using Voxgate.Speech.Brain;

namespace Voxgate.Speech.Tests.Brain;

public sealed class ReceptionistChatClientTests
{
    // Monday 23 November 2026, 11:00 in the clinic's time zone (UTC).
    private static readonly DateTimeOffset Monday11 = new(2026, 11, 23, 11, 0, 0, TimeSpan.Zero);

    private readonly ReceptionistOptions _options = new() { TimeProvider = new FixedTimeProvider(Monday11) };
    private readonly FrontDesk _desk;

    public ReceptionistChatClientTests() => _desk = new FrontDesk(_options);

    private Conversation Talk(params string[] tools) => new(new ReceptionistChatClient(_options), _desk.Tools(tools));

    private static ReceptionistChatClient Receptionist(DateTimeOffset? now = null) =>
        new(new ReceptionistOptions { TimeProvider = new FixedTimeProvider(now ?? Monday11) });

    private void Existing(string reference, int month, int day, int hour, int minute, string name) =>
        _desk.Book.Add(new Appointment(reference, new DateOnly(2026, month, day), new TimeOnly(hour, minute), name));

    [Fact]
    public async Task Books_by_checking_asking_the_name_reading_it_back_then_booking_with_the_reference()
    {
        var talk = Talk();

        ChatResponse response = await talk.SayAsync("i'd like to book an appointment tomorrow at three");
        FunctionCallContent check = Assert.IsType<FunctionCallContent>(Assert.Single(Assert.Single(response.Messages).Contents));
        Assert.Equal(ChatFinishReason.ToolCalls, response.FinishReason);
        Assert.Equal(("check_availability", "2026-11-24", "15:00"), (check.Name, Conversation.Argument(check, "date"), Conversation.Argument(check, "time")));
        Assert.StartsWith("call_", check.CallId, StringComparison.Ordinal);

        response = await talk.RunAsync(check);
        Assert.Equal("Tuesday, November 24th at 3 PM is free. Can I take your name, please?", response.Text);
        Assert.Equal("Thank you, Sam Lee, spelled L E E. Shall I book Tuesday, November 24th at 3 PM for you?", await talk.TalkAsync("my name is sam lee"));
        Assert.Empty(_desk.Changes);

        Assert.Equal(
            "You're booked for Tuesday, November 24th at 3 PM. Your reference is G B, 2 0 2 6 1 1 2 4, 0 0 1. Is there anything else I can help with?",
            await talk.TalkAsync("yes please"));
        Assert.Equal(["book_appointment(date=2026-11-24, name=Sam Lee, time=15:00)"], _desk.Changes);
    }

    [Fact]
    public async Task Each_reply_says_what_answer_it_expects_so_the_engine_listens_for_it()
    {
        var talk = Talk();

        ChatResponse response = await talk.SayAsync("i'd like to book an appointment tomorrow at three");
        Assert.Null(ExpectedAnswers.From(response.AdditionalProperties));

        response = await talk.RunAsync(Conversation.LastCall(response)!);
        Assert.EndsWith("Can I take your name, please?", response.Text, StringComparison.Ordinal);
        Assert.Equal(ExpectedAnswer.Name, ExpectedAnswers.From(response.AdditionalProperties));

        response = await talk.SayAsync("my name is sam lee");
        Assert.EndsWith("for you?", response.Text, StringComparison.Ordinal);
        Assert.Equal(ExpectedAnswer.YesOrNo, ExpectedAnswers.From(response.AdditionalProperties));

        Assert.Equal(ExpectedAnswer.Day, ExpectedAnswers.From((await Talk().SayAsync("hello i need a haircut")).AdditionalProperties));

        // Streamed, every update carries it, so the engine knows before the first sentence is spoken.
        var client = new ReceptionistChatClient(_options);
        List<ChatResponseUpdate> updates = [];
        await foreach (ChatResponseUpdate update in client.GetStreamingResponseAsync([new ChatMessage(ChatRole.User, "hello i need a haircut")], new ChatOptions { Tools = _desk.Tools() }))
        {
            updates.Add(update);
        }

        Assert.Equal("What day would you like to come in?", string.Concat(updates.Select(u => u.Text)));
        Assert.All(updates, u => Assert.Equal(ExpectedAnswer.Day, ExpectedAnswers.From(u.AdditionalProperties)));
        Assert.Null(ExpectedAnswers.From((await Talk().SayAsync("what are your opening hours")).AdditionalProperties));
    }

    [Fact]
    public void An_expected_answer_is_read_from_its_enum_or_its_name_and_nothing_else()
    {
        Assert.Equal(ExpectedAnswer.Time, ExpectedAnswers.From(new() { [ExpectedAnswers.PropertyName] = ExpectedAnswer.Time }));
        Assert.Equal(ExpectedAnswer.YesOrNo, ExpectedAnswers.From(new() { [ExpectedAnswers.PropertyName] = "yesorno" }));
        Assert.Null(ExpectedAnswers.From(new() { [ExpectedAnswers.PropertyName] = "maybe" }));
        Assert.Null(ExpectedAnswers.From(new() { [ExpectedAnswers.PropertyName] = (ExpectedAnswer)42 }));
        Assert.Null(ExpectedAnswers.From(new() { [ExpectedAnswers.PropertyName] = 3 }));
        Assert.Null(ExpectedAnswers.From(new() { ["other"] = ExpectedAnswer.Name }));
        Assert.Null(ExpectedAnswers.From(null));
    }

    [Theory]
    [InlineData("hi i need a hair cut tomorrow at noon")]
    [InlineData("i need a haircut tomorrow at noon")]
    public async Task A_greeting_that_names_a_service_and_a_time_is_a_booking_request(string said)
    {
        var talk = Talk();

        Assert.Equal("Tuesday, November 24th at noon is free. Can I take your name, please?", await talk.TalkAsync(said));
    }

    [Fact]
    public async Task A_service_named_alone_starts_a_booking()
        => Assert.Equal("What day would you like to come in?", await Talk().TalkAsync("hello i need a haircut"));

    [Fact]
    public async Task Asks_for_the_time_when_only_a_day_is_given_and_remembers_the_day()
    {
        var talk = Talk();

        Assert.Equal("What time on Friday, November 27th would suit you? We're open from 9 AM to 5 PM.", await talk.TalkAsync("can i book an appointment on friday"));
        Assert.Equal("Friday, November 27th at 10:30 AM is free. Can I take your name, please?", await talk.TalkAsync("ten thirty please"));
    }

    [Fact]
    public async Task Asking_about_a_day_offers_its_free_times()
    {
        _desk.Book.Take(new DateOnly(2026, 11, 26), new TimeOnly(9, 30));
        var talk = Talk();

        Assert.Equal("On Thursday, November 26th I have 9 AM, 10 AM or 10:30 AM free. What time would suit you?", await talk.TalkAsync("do you have anything on thursday"));
        Assert.Equal("Thursday, November 26th at 4 PM is free. Can I take your name, please?", await talk.TalkAsync("four o'clock would be great"));
    }

    [Fact]
    public async Task Asks_for_the_day_when_only_a_time_is_given()
    {
        var talk = Talk();

        Assert.Equal("What day would you like to come in at 4 PM?", await talk.TalkAsync("can i come in at four"));
        Assert.Empty(talk.Calls);
        Assert.Equal("Wednesday, November 25th at 4 PM is free. Can I take your name, please?", await talk.TalkAsync("wednesday"));
    }

    [Fact]
    public async Task A_part_of_the_day_is_proposed_then_read_back_with_the_name()
    {
        var talk = Talk();

        Assert.Equal("10 AM on Tuesday, November 24th is free. Can I take your name, please?", await talk.TalkAsync("book me in next tuesday morning"));
        Assert.Equal("Thank you, Amy Clarke, spelled C L A R K E. Shall I book Tuesday, November 24th at 10 AM for you?", await talk.TalkAsync("it's amy clarke"));
        Assert.StartsWith("You're booked for Tuesday, November 24th at 10 AM.", await talk.TalkAsync("yes"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Declining_a_proposed_time_asks_for_another()
    {
        var talk = Talk();
        await talk.TalkAsync("my name is nick bell");
        Assert.Equal("10 AM on Friday, November 27th is free. Shall I book it for Nick Bell?", await talk.TalkAsync("do you have anything on friday morning"));

        Assert.Equal("Friday, November 27th at 11 AM is free. Shall I book it for Nick Bell?", await talk.TalkAsync("no i'd prefer eleven"));
    }

    [Fact]
    public async Task A_taken_time_offers_the_tools_alternative_and_books_it_after_a_yes()
    {
        _desk.Book.Take(new DateOnly(2026, 11, 25), new TimeOnly(10, 0));
        var talk = Talk();

        Assert.Equal("Sorry, Wednesday, November 25th at 10 AM is taken, but 10:30 AM is free. Shall I book that?", await talk.TalkAsync("do you have anything on wednesday at ten"));
        Assert.Equal("Great. Can I take your name, please?", await talk.TalkAsync("yes please"));
        Assert.Equal("Thank you, Emma Davies. Shall I book Wednesday, November 25th at 10:30 AM for you?", await talk.TalkAsync("emma davies"));
        await talk.TalkAsync("yes");
        Assert.Equal(["book_appointment(date=2026-11-25, name=Emma Davies, time=10:30)"], _desk.Changes);
    }

    [Fact]
    public async Task A_taken_time_without_alternatives_asks_for_another()
    {
        var talk = Talk();
        ChatResponse response = await talk.SayAsync("book tomorrow at three");

        response = await talk.ReturnAsync(Conversation.LastCall(response)!, Conversation.Json("""{"available":false,"date":"2026-11-24","time":"15:00","alternatives":[]}"""));

        Assert.Equal("Sorry, Tuesday, November 24th at 3 PM is taken. What other time would suit you?", response.Text);
    }

    [Theory]
    [InlineData("book an appointment on sunday at ten", "Sorry, we're closed on Sundays. Which other day would suit you?")]
    [InlineData("book tomorrow at seven pm", "Sorry, on Tuesdays we're open from 9 AM to 5 PM. What time in those hours would suit you?")]
    [InlineData("book saturday at 1:45", "Sorry, on Saturdays we're open from 10 AM to 2 PM. What time in those hours would suit you?")]
    [InlineData("book today at nine", "Sorry, that time has already passed today. What later time would suit you?")]
    [InlineData("book an appointment tomorrow evening", "Sorry, on Tuesdays we're open from 9 AM to 5 PM. What time in those hours would suit you?")]
    public async Task Refuses_times_that_are_closed_or_past_and_calls_no_tool(string request, string reply)
    {
        var talk = Talk();

        Assert.Equal(reply, await talk.TalkAsync(request));
        Assert.Empty(talk.Calls);
    }

    [Fact]
    public async Task A_refused_day_is_replaced_by_the_next_answer()
    {
        var talk = Talk();
        await talk.TalkAsync("book sunday at ten");

        Assert.Equal("Monday, November 30th at 10 AM is free. Can I take your name, please?", await talk.TalkAsync("monday then"));
    }

    [Fact]
    public async Task A_refused_time_is_asked_for_again_with_an_example_and_a_part_of_the_day_proposes_one()
    {
        var talk = Talk();
        Assert.Equal("Sorry, on Fridays we're open from 9 AM to 5 PM. What time in those hours would suit you?", await talk.TalkAsync("a massage on friday at five"));

        // Nothing usable heard: the time question again, then with an example, never the same refusal again.
        Assert.Equal("Sorry, what time on Friday would you like?", await talk.TalkAsync("q"));
        Assert.Equal("Sorry, I didn't catch the time. Could you say a time like ten thirty, or four o'clock?", await talk.TalkAsync("here"));
        Assert.Empty(talk.Calls);

        await talk.TalkAsync("here in the afternoon");
        Assert.Equal("check_availability", talk.Calls[^1].Name);
        Assert.Equal("2026-11-27", Conversation.Argument(talk.Calls[^1], "date"));
        Assert.Equal("14:00", Conversation.Argument(talk.Calls[^1], "time"));
    }

    [Fact]
    public async Task Passes_the_name_phone_and_service_and_reads_the_service_back()
    {
        var talk = Talk();

        Assert.Equal("Friday, November 27th at 2 PM is free. Shall I book the haircut for Sam Lee, spelled L E E?",
            await talk.TalkAsync("i'd like to book a haircut on friday at 2 pm my name is sam lee and my number is oh seven seven zero zero nine zero zero one two three"));
        await talk.TalkAsync("yes");

        Assert.Equal(["book_appointment(date=2026-11-27, name=Sam Lee, phone=07700900123, service=haircut, time=14:00)"], _desk.Changes);
    }

    [Fact]
    public async Task A_failed_booking_offers_the_alternative_or_asks_for_another_time()
    {
        var talk = Talk();
        ChatResponse response = await talk.SayAsync("book tomorrow at three my name is sam lee");
        response = await talk.RunAsync(Conversation.LastCall(response)!);
        Assert.StartsWith("Tuesday, November 24th at 3 PM is free. Shall I book", response.Text, StringComparison.Ordinal);

        response = await talk.SayAsync("yes");
        response = await talk.ReturnAsync(Conversation.LastCall(response)!,
            Conversation.Json("""{"booked":false,"error":"slot_taken","message":"Taken.","alternatives":["15:30"]}"""));

        Assert.Equal("Sorry, I couldn't book Tuesday, November 24th at 3 PM, but 3:30 PM is free. Shall I book that?", response.Text);
        response = await talk.SayAsync("yes please");
        Assert.Equal("15:30", Conversation.Argument(Conversation.LastCall(response)!, "time"));

        response = await talk.ReturnAsync(Conversation.LastCall(response)!, "Error: the calendar is unavailable");
        Assert.Equal("Sorry, I couldn't book Tuesday, November 24th at 3:30 PM. What other time would suit you?", response.Text);
    }

    [Fact]
    public async Task Books_after_the_check_without_a_name_when_the_booking_tool_takes_none()
    {
        var log = new List<string>();
        var talk = new Conversation(new ReceptionistChatClient(_options), FrontDesk.LegacyTools(log));

        Assert.Equal("You're booked for Friday, November 27th at 10:30 AM. Your reference is A 1. Is there anything else I can help with?",
            await talk.TalkAsync("i'd like to book an appointment on friday at ten thirty"));
        Assert.Equal(["check_availability", "book_appointment"], talk.Calls.Select(c => c.Name));
        Assert.Equal(["book 2026-11-27 10:30"], log);
    }

    [Fact]
    public async Task Cancels_by_day_and_time_when_the_cancellation_tool_takes_them_and_there_is_no_lookup()
    {
        var log = new List<string>();
        var talk = new Conversation(new ReceptionistChatClient(_options), FrontDesk.LegacyTools(log));

        Assert.StartsWith("Your appointment on Friday, November 27th at 10 AM is cancelled.", await talk.TalkAsync("i need to cancel my appointment on friday at ten"), StringComparison.Ordinal);
        Assert.Equal(["cancel 2026-11-27 10:00"], log);
    }

    [Theory]
    [InlineData("book an appointment tomorrow at three", "Sorry, I can't book appointments right now. Please try again later.")]
    [InlineData("cancel my appointment on friday at ten", "Sorry, I can't cancel appointments right now. Please try again later.")]
    [InlineData("move my appointment from friday at ten to monday at eleven", "Sorry, I can't move appointments right now. Please try again later.")]
    public async Task Without_tools_it_says_so_and_never_pretends(string request, string reply)
    {
        var talk = new Conversation(Receptionist());

        ChatResponse response = await talk.SayAsync(request);

        Assert.Equal(reply, response.Text);
        Assert.Equal(ChatFinishReason.Stop, response.FinishReason);
        Assert.Empty(talk.Calls);
    }

    [Fact]
    public async Task Cancels_by_reference_after_finding_the_booking_and_a_yes()
    {
        Existing("GB-20261124-001", 11, 24, 15, 0, "Sam Lee");
        var talk = Talk();

        Assert.Equal("Do you have your booking reference? It starts with G B.", await talk.TalkAsync("i need to cancel my appointment"));
        Assert.Equal("I have an appointment for Sam Lee on Tuesday, November 24th at 3 PM. Shall I cancel it?",
            await talk.TalkAsync("the reference is g b two zero two six one one two four zero zero one"));
        Assert.Empty(_desk.Changes);
        Assert.Equal("Your appointment on Tuesday, November 24th at 3 PM is cancelled. Is there anything else I can help with?", await talk.TalkAsync("yes"));
        Assert.Equal(["cancel_appointment(reference=GB-20261124-001)"], _desk.Changes);
    }

    [Fact]
    public async Task A_booking_spoken_of_with_its_verb_misheard_is_asked_about_not_booked_anew()
    {
        Existing("GB-20261127-002", 11, 27, 10, 0, "Priya Shah");
        var talk = Talk();

        Assert.Equal("Sorry, I didn't quite catch that. Would you like to move your appointment, cancel it, or check when it is?",
            await talk.TalkAsync("i need to fast for my appointment"));
        Assert.Equal("Sorry, should I move your appointment, cancel it, or tell you when it is?", await talk.TalkAsync("yes please"));
        Assert.Equal("Do you have your booking reference? It starts with G B.", await talk.TalkAsync("cancel it please"));
        Assert.Equal("I have an appointment for Priya Shah on Friday, November 27th at 10 AM. Shall I cancel it?",
            await talk.TalkAsync("g b two zero two six one one two seven zero zero two"));
        await talk.TalkAsync("yes");
        Assert.Equal(["cancel_appointment(reference=GB-20261127-002)"], _desk.Changes);
    }

    [Fact]
    public async Task A_reference_said_in_groups_is_understood()
    {
        Existing("GB-20261127-001", 11, 27, 10, 0, "Sam Lee");
        var talk = Talk();
        await talk.TalkAsync("i'd like to cancel a booking");

        await talk.TalkAsync("it's g b twenty twenty six eleven twenty seven double oh one");

        Assert.Equal("find_booking", talk.Calls[0].Name);
        Assert.Equal("GB-20261127-001", Conversation.Argument(talk.Calls[0], "reference"));
    }

    [Fact]
    public async Task Without_a_reference_finds_the_booking_by_name_and_tries_the_surname_alone_when_the_whole_name_fails()
    {
        Existing("GB-20261124-002", 11, 24, 11, 30, "Ryan Cooper");
        var talk = Talk();
        await talk.TalkAsync("i can't make my appointment tomorrow can you cancel it");
        Assert.Equal("No problem. What name is the booking under?", await talk.TalkAsync("sorry i don't know it"));

        // "Ryan" misheard as "Brian".
        Assert.Equal("I have an appointment for Brian Cooper on Tuesday, November 24th at 11:30 AM. Shall I cancel it?", await talk.TalkAsync("brian cooper"));
        Assert.Equal(["name:brian cooper", "name:cooper"], talk.Calls.Select(c => $"name:{Conversation.Argument(c, "name")}".ToLowerInvariant()));
        await talk.TalkAsync("yes please");
        Assert.Equal(["cancel_appointment(reference=GB-20261124-002)"], _desk.Changes);
    }

    [Fact]
    public async Task A_booking_that_cannot_be_found_leads_to_an_offer_to_book_instead()
    {
        var talk = Talk();
        await talk.TalkAsync("can i move my appointment to friday at two");
        await talk.TalkAsync("i don't have it");

        Assert.Equal("Sorry, I couldn't find a booking under Ella King. Would you like to make a new appointment instead?", await talk.TalkAsync("my name is ella king"));
        Assert.Equal("Friday, November 27th at 2 PM is free. Shall I book it for Ella King?", await talk.TalkAsync("yes please"));
    }

    [Fact]
    public async Task A_caller_who_has_a_booking_turns_the_new_one_down_and_is_asked_for_the_reference_again()
    {
        var talk = Talk();
        await talk.TalkAsync("cancel my booking for wednesday please");
        await talk.TalkAsync("sorry i don't know");
        Assert.EndsWith("Would you like to make a new appointment instead?", await talk.TalkAsync("the total"), StringComparison.Ordinal);

        Assert.Equal("Do you have your booking reference? It starts with G B.", await talk.TalkAsync("no i already have an appointment"));
        Assert.Empty(_desk.Changes);
    }

    [Fact]
    public async Task Several_bookings_under_one_name_are_told_apart_by_the_day()
    {
        Existing("GB-20261124-001", 11, 24, 9, 0, "Zoe Adams");
        Existing("GB-20261126-001", 11, 26, 15, 0, "Zoe Adams");
        var talk = Talk();
        await talk.TalkAsync("i'd like to cancel my booking");
        await talk.TalkAsync("no i don't have the reference");

        Assert.Equal("I have bookings on Tuesday, November 24th at 9 AM and Thursday, November 26th at 3 PM. Which one is it?", await talk.TalkAsync("zoe adams"));
        Assert.Equal("I have your appointment on Thursday, November 26th at 3 PM. Shall I cancel it?", await talk.TalkAsync("the one on thursday"));
    }

    [Fact]
    public async Task Cancelling_what_was_just_booked_needs_no_reference_and_no_second_yes()
    {
        var talk = Talk();
        await talk.TalkAsync("book me in for friday at nine please");
        await talk.TalkAsync("tom baker");
        await talk.TalkAsync("yes");

        Assert.Equal("Your appointment on Friday, November 27th at 9 AM is cancelled. Is there anything else I can help with?", await talk.TalkAsync("actually can you cancel that please"));
        Assert.Equal(["book_appointment(date=2026-11-27, name=Tom Baker, time=09:00)", "cancel_appointment(reference=GB-20261127-001)"], _desk.Changes);
    }

    [Fact]
    public async Task Moves_by_reference_and_reads_the_reference_back()
    {
        Existing("GB-20261126-003", 11, 26, 15, 0, "Zoe Adams");
        var talk = Talk();

        Assert.Equal("Do you have your booking reference? It starts with G B.", await talk.TalkAsync("can i move my appointment"));
        Assert.Equal("What day should I move it to?", await talk.TalkAsync("g b two zero two six one one two six zero zero three"));
        Assert.Equal("Friday, November 27th at 3 PM is free. Shall I move your appointment there?", await talk.TalkAsync("friday"));
        Assert.Equal("Friday, November 27th at 11 AM is free. Shall I move your appointment there?", await talk.TalkAsync("no at eleven"));
        Assert.Equal("Done, your appointment is now on Friday, November 27th at 11 AM. Your reference is still G B, 2 0 2 6 1 1 2 6, 0 0 3. Is there anything else I can help with?",
            await talk.TalkAsync("yes"));
        Assert.Equal(["reschedule_appointment(date=2026-11-27, reference=GB-20261126-003, time=11:00)"], _desk.Changes);
    }

    [Fact]
    public async Task Make_that_ten_instead_changes_the_pending_booking()
    {
        var talk = Talk();
        Assert.Equal("Monday, November 30th at 9 AM is free. Can I take your name, please?", await talk.TalkAsync("can i come in on monday at nine"));

        Assert.Equal("Monday, November 30th at 10 AM is free. Can I take your name, please?", await talk.TalkAsync("actually make that ten instead"));
        await talk.TalkAsync("my name is ben moore");
        await talk.TalkAsync("yes");
        Assert.Equal(["book_appointment(date=2026-11-30, name=Ben Moore, time=10:00)"], _desk.Changes);
    }

    [Theory]
    [InlineData("actually tuesday", "2026-11-24", "16:00")]
    [InlineData("sorry i meant thursday", "2026-11-26", "16:00")]
    [InlineData("no not four five", "2026-11-25", "17:00")]
    [InlineData("no not four half past two", "2026-11-25", "14:30")]
    [InlineData("can we do eleven instead", "2026-11-25", "11:00")]
    [InlineData("can we change that to friday at noon", "2026-11-27", "12:00")]
    public async Task A_correction_changes_only_what_it_names(string correction, string date, string time)
    {
        var talk = Talk();
        await talk.TalkAsync("book a consultation for wednesday at four please");

        await talk.TalkAsync(correction);

        FunctionCallContent last = talk.Calls.Last(c => c.Name == "check_availability");
        if (time == "17:00")
        {
            // Five o'clock is past the last appointment of the day: refused before any check.
            Assert.Equal("16:00", Conversation.Argument(last, "time"));
            return;
        }

        Assert.Equal((date, time), (Conversation.Argument(last, "date"), Conversation.Argument(last, "time")));
    }

    [Fact]
    public async Task A_correction_after_booking_moves_the_booking_and_keeps_its_day_and_reference()
    {
        var talk = Talk();
        await talk.TalkAsync("book me in for thursday at three please");
        await talk.TalkAsync("joe martin");
        await talk.TalkAsync("yes");

        Assert.Equal("Thursday, November 26th at 4:30 PM is free. Shall I move your appointment there?", await talk.TalkAsync("actually can you make that half past four instead"));
        Assert.StartsWith("Done, your appointment is now on Thursday, November 26th at 4:30 PM. Your reference is still G B, 2 0 2 6 1 1 2 6, 0 0 1.", await talk.TalkAsync("yes please"), StringComparison.Ordinal);
        Assert.Equal(
            ["book_appointment(date=2026-11-26, name=Joe Martin, time=15:00)", "reschedule_appointment(date=2026-11-26, reference=GB-20261126-001, time=16:30)"],
            _desk.Changes);
    }

    [Fact]
    public async Task A_misheard_name_is_corrected_and_spelled_when_it_is_heard_the_same_again()
    {
        var talk = Talk();
        await talk.TalkAsync("book tomorrow at ten");
        Assert.Equal("Thank you, Lily Large. Shall I book Tuesday, November 24th at 10 AM for you?", await talk.TalkAsync("lily large"));

        Assert.Equal("Thank you, Lily Clark, spelled C L A R K. Shall I book Tuesday, November 24th at 10 AM for you?", await talk.TalkAsync("no my name is lily clark"));
        Assert.Equal("Sorry, I may have misheard your name. Could you spell your surname for me, letter by letter?", await talk.TalkAsync("no my name is lily clark"));
        Assert.Equal("Shall I book Tuesday, November 24th at 10 AM for Lily Clarke, spelled C L A R K E?", await talk.TalkAsync("c l a r k e"));
        await talk.TalkAsync("yes");
        Assert.Equal(["book_appointment(date=2026-11-24, name=Lily Clarke, time=10:00)"], _desk.Changes);
    }

    [Fact]
    public async Task A_name_that_sounds_like_another_spelling_is_read_back_spelled_and_letters_correct_it()
    {
        var talk = Talk();
        await talk.TalkAsync("book tomorrow at ten");
        Assert.Equal("Thank you, Anna Clarke, spelled C L A R K E. Shall I book Tuesday, November 24th at 10 AM for you?", await talk.TalkAsync("anna clarke"));

        Assert.Equal("Shall I book Tuesday, November 24th at 10 AM for Anna Clark, spelled C L A R K?", await talk.TalkAsync("no it's c l a r k"));
        await talk.TalkAsync("yes");
        Assert.Equal(["book_appointment(date=2026-11-24, name=Anna Clark, time=10:00)"], _desk.Changes);
    }

    [Fact]
    public async Task Misheard_letters_for_a_sound_alike_name_pick_its_other_spelling_not_a_new_name()
    {
        var talk = Talk();
        await talk.TalkAsync("book tomorrow at ten");
        Assert.Equal("Thank you, Amy Reed, spelled R E E D. Shall I book Tuesday, November 24th at 10 AM for you?", await talk.TalkAsync("my name is amy reed"));

        // "r e i d" heard as "r e n t": as near Reed as Reid, and the caller said no to Reed.
        Assert.Equal("Thank you, Amy Reid, spelled R E I D. Shall I book Tuesday, November 24th at 10 AM for you?", await talk.TalkAsync("no my name is amy reed r e n t"));
        await talk.TalkAsync("yes");
        Assert.Equal(["book_appointment(date=2026-11-24, name=Amy Reid, time=10:00)"], _desk.Changes);
    }

    [Fact]
    public async Task Misheard_letters_for_a_sound_alike_first_name_pick_the_nearest_spelling()
    {
        var talk = Talk();
        await talk.TalkAsync("book tomorrow at ten");
        await talk.TalkAsync("catherine gray");
        Assert.Equal("Shall I book Tuesday, November 24th at 10 AM for Katherine Gray, spelled K A T H E R I N E, G R A Y?",
            await talk.TalkAsync("no it's k o t h e r i n e"));
    }

    [Fact]
    public async Task Letters_far_from_every_sound_alike_spell_the_name_as_heard()
    {
        var talk = Talk();
        await talk.TalkAsync("book tomorrow at ten");
        await talk.TalkAsync("my name is amy reed");
        Assert.EndsWith("Tuesday, November 24th at 10 AM for Amy Reeves?", await talk.TalkAsync("no it's r e e v e s"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_first_name_heard_differently_twice_is_asked_for_letter_by_letter()
    {
        var talk = Talk();
        await talk.TalkAsync("book tomorrow at ten");
        await talk.TalkAsync("said jones");
        Assert.Equal("Thank you, Seve Jones. Shall I book Tuesday, November 24th at 10 AM for you?", await talk.TalkAsync("no my name is seve jones"));

        // Heard on its own first; only if that fails too, letter by letter.
        Assert.Equal("Sorry, I may have misheard your first name. Could you say just your first name?", await talk.TalkAsync("no my name is simon jones"));
        Assert.Equal("Shall I book Tuesday, November 24th at 10 AM for Said Jones?", await talk.TalkAsync("said"));
        await talk.TalkAsync("no my name is sarah jones");
        Assert.Equal("Sorry, I may have misheard your name. Could you spell your first name for me, letter by letter?", await talk.TalkAsync("no my name is simon jones"));
        Assert.Equal("Shall I book Tuesday, November 24th at 10 AM for Sarah Jones, spelled S A R A H?", await talk.TalkAsync("s a r a h"));
        await talk.TalkAsync("yes");
        Assert.Equal(["book_appointment(date=2026-11-24, name=Sarah Jones, time=10:00)"], _desk.Changes);
    }

    [Fact]
    public async Task A_first_name_in_doubt_said_on_its_own_keeps_the_surname()
    {
        var talk = Talk();
        await talk.TalkAsync("book tomorrow at ten");
        await talk.TalkAsync("said jones");
        await talk.TalkAsync("no my name is seve jones");
        await talk.TalkAsync("no my name is simon jones");

        Assert.Equal("Shall I book Tuesday, November 24th at 10 AM for Sarah Jones, spelled S A R A H?", await talk.TalkAsync("sarah"));
        await talk.TalkAsync("yes");
        Assert.Equal(["book_appointment(date=2026-11-24, name=Sarah Jones, time=10:00)"], _desk.Changes);
    }

    [Fact]
    public async Task A_spelling_heard_with_a_word_after_it_still_spells_the_surname()
    {
        var talk = Talk();
        await talk.TalkAsync("book tomorrow at ten");
        await talk.TalkAsync("rachel martin");
        Assert.Equal("Sorry, I may have misheard your name. Could you spell your surname for me, letter by letter?", await talk.TalkAsync("no my name is rachel martin"));

        Assert.Equal("Shall I book Tuesday, November 24th at 10 AM for Rachel Morgan, spelled R A C H E L?", await talk.TalkAsync("m o r g a n yeah"));
    }

    [Fact]
    public async Task What_to_change_answered_with_the_time_already_held_reads_the_booking_back_again()
    {
        var talk = Talk();
        await talk.TalkAsync("book tomorrow at ten");
        await talk.TalkAsync("jack taylor");
        Assert.Equal("Sorry about that. What should I change, the day or the time? Or just tell me the right name.", await talk.TalkAsync("no"));

        Assert.Equal("Shall I book Tuesday, November 24th at 10 AM for Jack Taylor?", await talk.TalkAsync("ten o'clock"));
        await talk.TalkAsync("yes");
        Assert.Equal(["book_appointment(date=2026-11-24, name=Jack Taylor, time=10:00)"], _desk.Changes);
    }

    [Fact]
    public async Task When_the_surname_was_right_a_second_no_asks_for_the_first_name_spelled()
    {
        var talk = Talk();
        await talk.TalkAsync("book tomorrow at ten");
        await talk.TalkAsync("sam clark");
        await talk.TalkAsync("no my name is sam clark");

        Assert.Equal("Shall I book Tuesday, November 24th at 10 AM for Sam Clark, spelled C L A R K?", await talk.TalkAsync("c l a r k"));
        Assert.Equal("Sorry, I may have misheard your first name. Could you say just your first name?", await talk.TalkAsync("no my name is sam clark"));
        Assert.Equal("Shall I book Tuesday, November 24th at 10 AM for Sam Clark, spelled C L A R K?", await talk.TalkAsync("sam"));
        Assert.Equal("Sorry, I may have misheard your name. Could you spell your first name for me, letter by letter?", await talk.TalkAsync("no my name is sam clark"));
        Assert.Equal("Shall I book Tuesday, November 24th at 10 AM for Anna Clark, spelled C L A R K?", await talk.TalkAsync("a n n a"));
        await talk.TalkAsync("yes");
        Assert.Equal(["book_appointment(date=2026-11-24, name=Anna Clark, time=10:00)"], _desk.Changes);
    }

    [Fact]
    public async Task A_yes_to_a_reworded_confirmation_still_confirms()
    {
        Existing("GB-20261124-001", 11, 24, 15, 0, "Sam Lee");
        var talk = Talk();
        await talk.TalkAsync("i need to cancel my appointment");
        await talk.TalkAsync("the reference is g b two zero two six one one two four zero zero one");

        Assert.Equal("Sorry, shall I cancel your appointment on Tuesday, November 24th at 3 PM?", await talk.TalkAsync("so"));
        Assert.StartsWith("Your appointment on Tuesday, November 24th at 3 PM is cancelled.", await talk.TalkAsync("yes"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_question_that_fails_twice_is_asked_differently_with_an_example()
    {
        var talk = Talk();
        await talk.TalkAsync("hello i need an appointment");
        string first = await talk.TalkAsync("wednesday");

        string second = await talk.TalkAsync("blah");
        string third = await talk.TalkAsync("blah blah");
        string fourth = await talk.TalkAsync("hmm");

        Assert.Equal("What time on Wednesday, November 25th would suit you? We're open from 9 AM to 5 PM.", first);
        Assert.Equal("Sorry, what time on Wednesday would you like?", second);
        Assert.Equal("Sorry, I didn't catch the time. Could you say a time like ten thirty, or four o'clock?", third);
        Assert.NotEqual(third, fourth);
        Assert.Contains("for example", fourth, StringComparison.Ordinal);
        Assert.StartsWith("Wednesday, November 25th at 11 AM is free.", await talk.TalkAsync("eleven"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Never_says_the_same_sentence_twice_in_a_row()
    {
        var talk = Talk();
        var replies = new List<string>
        {
            await talk.TalkAsync("what are your opening hours"),
            await talk.TalkAsync("what are your opening hours"),
            await talk.TalkAsync("what are your opening hours"),
            await talk.TalkAsync("book sunday at ten"),
            await talk.TalkAsync("sunday"),
            await talk.TalkAsync("sunday please"),
            await talk.TalkAsync("what did you say"),
            await talk.TalkAsync("pardon"),
        };

        Assert.All(replies.Zip(replies.Skip(1)), pair => Assert.NotEqual(pair.First, pair.Second));
        Assert.Equal("As I said, we're open Monday to Friday from 9 AM to 5 PM, and Saturday from 10 AM to 2 PM. We're closed on Sunday.", replies[1]);
        Assert.Equal("Sure, I said: Sorry, we're closed on Sundays. Which other day would suit you?", replies[6]);
    }

    [Fact]
    public async Task Misheard_times_are_read_in_context()
    {
        var talk = Talk();
        await talk.TalkAsync("can i book an appointment on monday");

        Assert.Equal("Monday, November 30th at 9 AM is free. Can I take your name, please?", await talk.TalkAsync("monday at mind then please"));
    }

    [Fact]
    public async Task Dropping_a_request_in_progress()
    {
        var talk = Talk();
        await talk.TalkAsync("book friday");

        Assert.Equal("Okay, never mind. Is there anything else I can help with?", await talk.TalkAsync("never mind"));
        Assert.Equal("Thanks for calling Voxgate Clinic. Goodbye.", await talk.TalkAsync("no"));
        Assert.Empty(talk.Calls);
    }

    [Fact]
    public async Task A_no_that_answers_nothing_does_not_end_the_call()
    {
        var talk = Talk();

        Assert.Equal("Sorry, I can only help with appointments, our opening hours, or the date and time. What would you like to do?", await talk.TalkAsync("no"));
        Assert.StartsWith("Do you have your booking reference?", await talk.TalkAsync("i'd like to cancel my appointment"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Greets_and_says_what_it_can_do()
    {
        var talk = Talk();

        Assert.Equal("Hello, thanks for calling Voxgate Clinic. I can book, move or cancel an appointment, or tell you our opening hours. How can I help?", await talk.TalkAsync("good morning"));
        Assert.Equal("I'm very well, thank you. How can I help you today?", await talk.TalkAsync("how are you"));
    }

    [Fact]
    public async Task Tells_the_time_and_the_date()
    {
        var talk = new Conversation(Receptionist(new DateTimeOffset(2026, 11, 23, 15, 5, 0, TimeSpan.Zero)));

        Assert.Equal("It's 3:05 PM.", await talk.TalkAsync("what time is it"));
        Assert.Equal("Today is Monday, November 23rd.", await talk.TalkAsync("what's the date today"));
    }

    [Fact]
    public async Task Speaks_the_time_in_the_clinics_time_zone()
    {
        var options = new ReceptionistOptions { TimeZoneId = "America/New_York", TimeProvider = new FixedTimeProvider(Monday11) };

        Assert.Equal("It's 6 AM.", await new Conversation(new ReceptionistChatClient(options)).TalkAsync("what's the time"));
    }

    [Theory]
    [InlineData("what are your opening hours", "We're open Monday to Friday from 9 AM to 5 PM, and Saturday from 10 AM to 2 PM. We're closed on Sunday.")]
    [InlineData("are you open today", "Today we're open from 9 AM to 5 PM.")]
    [InlineData("what time do you close tomorrow", "Tomorrow we're open from 9 AM to 5 PM.")]
    [InlineData("are you open on saturday", "On Saturday, November 28th we're open from 10 AM to 2 PM.")]
    [InlineData("are you open on sunday", "Sorry, we're closed on Sunday, November 29th.")]
    public async Task Answers_opening_hours(string question, string answer) =>
        Assert.Equal(answer, await Talk().TalkAsync(question));

    [Fact]
    public async Task Repeats_the_last_reply_on_request_in_other_words()
    {
        var talk = Talk();
        string first = await talk.TalkAsync("what's the date");

        Assert.Equal($"Sure, I said: {first}", await talk.TalkAsync("sorry can you repeat that"));
        Assert.Equal($"Of course: {first}", await talk.TalkAsync("say that again"));
        Assert.Equal($"Sure, I said: {first}", await talk.TalkAsync("what did you say"));
    }

    [Fact]
    public async Task Repeat_before_saying_anything_says_so() =>
        Assert.Equal("I haven't said anything yet. How can I help you?", await Talk().TalkAsync("pardon"));

    [Theory]
    [InlineData("bye")]
    [InlineData("thanks that's all")]
    [InlineData("goodbye")]
    public async Task Says_goodbye(string farewell) =>
        Assert.Equal("Thanks for calling Voxgate Clinic. Goodbye.", await Talk().TalkAsync(farewell));

    [Theory]
    [InlineData("what's the weather like")]
    [InlineData("can you order me a pizza")]
    [InlineData("blah")]
    public async Task Answers_anything_else_with_what_it_can_do(string request) =>
        Assert.Equal("Sorry, I can only help with appointments, our opening hours, or the date and time. What would you like to do?", await Talk().TalkAsync(request));

    [Fact]
    public async Task Every_reply_is_a_few_short_plain_sentences()
    {
        var talk = Talk();
        string[] turns =
        [
            "hello", "what time is it", "what are your opening hours", "book me in", "friday", "three", "sam lee", "yes",
            "sorry", "cancel it", "what's the weather", "thanks that's all",
        ];

        foreach (string turn in turns)
        {
            string reply = await talk.TalkAsync(turn);
            int sentences = reply.Count(c => c is '.' or '?' or '!');
            Assert.InRange(sentences, 1, 3);
            Assert.True(reply.Length <= 160, reply);
            Assert.DoesNotContain('*', reply);
            Assert.DoesNotContain('#', reply);
        }
    }

    [Fact]
    public async Task Streams_text_a_word_at_a_time_and_a_tool_call_in_one_update()
    {
        var client = Receptionist();
        List<ChatMessage> history = [new(ChatRole.User, "what are your opening hours")];

        List<ChatResponseUpdate> updates = await client.GetStreamingResponseAsync(history).ToListAsync();
        Assert.True(updates.Count > 5);
        Assert.Equal("We're ", updates[0].Text);
        Assert.All(updates, u => Assert.Equal(updates[0].ResponseId, u.ResponseId));
        Assert.Equal(ChatFinishReason.Stop, updates[^1].FinishReason);
        Assert.Equal((await client.GetResponseAsync(history)).Text, updates.ToChatResponse().Text);

        history = [new(ChatRole.User, "book tomorrow at three")];
        ChatOptions options = new() { Tools = _desk.Tools() };
        ChatResponseUpdate update = Assert.Single(await client.GetStreamingResponseAsync(history, options).ToListAsync());
        FunctionCallContent call = Assert.IsType<FunctionCallContent>(Assert.Single(update.Contents));
        Assert.Equal("check_availability", call.Name);
        Assert.Equal(ChatFinishReason.ToolCalls, update.FinishReason);
    }

    [Fact]
    public async Task Works_behind_function_invocation_middleware()
    {
        using IChatClient client = new ChatClientBuilder(Receptionist()).UseFunctionInvocation().Build();
        var options = new ChatOptions { Tools = _desk.Tools() };
        List<ChatMessage> history = [new(ChatRole.User, "book an appointment tomorrow at three my name is sam lee")];

        ChatResponse response = await client.GetResponseAsync(history, options);
        Assert.Equal("Tuesday, November 24th at 3 PM is free. Shall I book it for Sam Lee, spelled L E E?", response.Text);
        history.AddMessages(response);
        history.Add(new ChatMessage(ChatRole.User, "yes"));
        response = await client.GetResponseAsync(history, options);

        Assert.StartsWith("You're booked for Tuesday, November 24th at 3 PM. Your reference is G B, 2 0 2 6 1 1 2 4, 0 0 1.", response.Text, StringComparison.Ordinal);
        Assert.Equal(["book_appointment(date=2026-11-24, name=Sam Lee, time=15:00)"], _desk.Changes);
    }

    [Fact]
    public void Reports_its_metadata_and_itself_as_a_service()
    {
        using var client = Receptionist();

        Assert.Equal(ReceptionistChatClient.ModelId, client.GetService<ChatClientMetadata>()?.DefaultModelId);
        Assert.Same(client, client.GetService<ReceptionistChatClient>());
    }
}
