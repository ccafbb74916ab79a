using Microsoft.Extensions.AI;
using Voxgate.Speech.Brain;

namespace Voxgate.Speech.Tests.Brain;

public sealed class ReceptionistChatClientTests
{
    // Monday 23 November 2026, 11:00 in the clinic's time zone (UTC).
    private static readonly DateTimeOffset Monday11 = new(2026, 11, 23, 11, 0, 0, TimeSpan.Zero);

    private readonly FrontDesk _desk = new();

    private static ReceptionistChatClient Receptionist(DateTimeOffset? now = null) =>
        new(new ReceptionistOptions { TimeProvider = new FixedTimeProvider(now ?? Monday11) });

    private Conversation Talk(bool check = true, bool book = true, bool cancel = true) =>
        new(Receptionist(), _desk.Tools(check, book, cancel));

    [Fact]
    public async Task Books_tomorrow_at_three_by_checking_then_booking_then_confirming()
    {
        var talk = Talk();

        ChatResponse response = await talk.SayAsync("i'd like to book an appointment tomorrow at three");
        FunctionCallContent check = Assert.IsType<FunctionCallContent>(Assert.Single(Assert.Single(response.Messages).Contents));
        Assert.Equal(ChatFinishReason.ToolCalls, response.FinishReason);
        Assert.Equal("check_availability", check.Name);
        Assert.StartsWith("call_", check.CallId, StringComparison.Ordinal);
        Assert.Equal("2026-11-24", Conversation.Argument(check, "date"));
        Assert.Equal("15:00", Conversation.Argument(check, "time"));

        response = await talk.RunAsync(check);
        FunctionCallContent book = Assert.IsType<FunctionCallContent>(Conversation.LastCall(response));
        Assert.Equal("book_appointment", book.Name);
        Assert.Equal("2026-11-24", Conversation.Argument(book, "date"));
        Assert.Equal("15:00", Conversation.Argument(book, "time"));
        Assert.NotEqual(check.CallId, book.CallId);

        response = await talk.RunAsync(book);
        Assert.Equal(ChatFinishReason.Stop, response.FinishReason);
        Assert.Equal("You're booked for Tuesday, November 24th at 3 PM. Is there anything else I can help with?", response.Text);
        Assert.Equal("2026-11-24 15:00", Assert.Single(_desk.Booked.Values));
    }

    [Fact]
    public async Task Asks_for_the_time_when_only_a_day_is_given_and_remembers_the_day()
    {
        var talk = Talk();

        Assert.Equal("What time on Friday, November 27th would suit you? We're open from 9 AM to 5 PM.", await talk.TalkAsync("can i book an appointment on friday"));
        Assert.Equal("You're booked for Friday, November 27th at 10:30 AM. Is there anything else I can help with?", await talk.TalkAsync("ten thirty please"));
        Assert.Equal(["check_availability", "book_appointment"], talk.Calls.Select(c => c.Name));
        Assert.Equal("10:30", Conversation.Argument(talk.Calls[0], "time"));
    }

    [Fact]
    public async Task Asks_for_the_day_when_only_a_time_is_given()
    {
        var talk = Talk();

        Assert.Equal("What day would you like to come in at 4 PM?", await talk.TalkAsync("can i come in at four"));
        Assert.Empty(talk.Calls);
        Assert.Equal("What day would you like to come in at 4 PM?", await talk.TalkAsync("sorry what did you say"));
        await talk.TalkAsync("wednesday");
        Assert.Equal("2026-11-25 16:00", Assert.Single(_desk.Booked.Values));
    }

    [Fact]
    public async Task Asks_for_day_and_time_when_neither_is_given()
    {
        var talk = Talk();

        Assert.Equal("What day would you like to come in?", await talk.TalkAsync("hi i'd like to make an appointment"));
        Assert.Equal("What time on Thursday, November 26th would suit you? We're open from 9 AM to 5 PM.", await talk.TalkAsync("thursday"));
        Assert.Equal("You're booked for Thursday, November 26th at 2:15 PM. Is there anything else I can help with?", await talk.TalkAsync("quarter past two"));
    }

    [Fact]
    public async Task A_part_of_the_day_is_checked_and_proposed_before_booking()
    {
        var talk = Talk();

        Assert.Equal("10 AM on Tuesday, November 24th is free. Shall I book it?", await talk.TalkAsync("book me in next tuesday morning"));
        Assert.Equal(["check_availability"], talk.Calls.Select(c => c.Name));
        Assert.Equal("You're booked for Tuesday, November 24th at 10 AM. Is there anything else I can help with?", await talk.TalkAsync("yes please"));
    }

    [Fact]
    public async Task Asking_whether_a_time_is_free_checks_it_and_books_only_after_a_yes()
    {
        var talk = Talk();

        Assert.Equal("Noon on Saturday, December 5th is free. Shall I book it?", await talk.TalkAsync("is there anything on the 5th of december at noon"));
        Assert.Empty(_desk.Booked);
        Assert.StartsWith("You're booked for Saturday, December 5th at noon.", await talk.TalkAsync("yes"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Declining_a_proposed_time_asks_for_another()
    {
        var talk = Talk();
        await talk.TalkAsync("book me in next tuesday morning");

        Assert.Equal("What time on Tuesday, November 24th would suit you? We're open from 9 AM to 5 PM.", await talk.TalkAsync("no"));
        Assert.Equal("You're booked for Tuesday, November 24th at 9 AM. Is there anything else I can help with?", await talk.TalkAsync("nine"));
    }

    [Fact]
    public async Task A_taken_time_asks_for_another_on_the_same_day()
    {
        _desk.Taken.Add("2026-11-24 15:00");
        var talk = Talk();

        Assert.Equal("Sorry, Tuesday, November 24th at 3 PM is taken. What other time would suit you?", await talk.TalkAsync("tomorrow at three"));
        Assert.Equal("You're booked for Tuesday, November 24th at 4 PM. Is there anything else I can help with?", await talk.TalkAsync("how about four"));
        Assert.Equal("2026-11-24 16:00", Assert.Single(_desk.Booked.Values));
    }

    [Fact]
    public async Task A_taken_time_with_an_alternative_offers_it()
    {
        var talk = Talk();
        ChatResponse response = await talk.SayAsync("book tomorrow at three");

        response = await talk.ReturnAsync(Conversation.LastCall(response)!, Conversation.Json("""{"available":false,"alternatives":["15:30","16:00"]}"""));
        Assert.Equal("Sorry, Tuesday, November 24th at 3 PM is taken, but 3:30 PM is free. Shall I book that?", response.Text);

        response = await talk.SayAsync("yes");
        FunctionCallContent book = Assert.IsType<FunctionCallContent>(Conversation.LastCall(response));
        Assert.Equal("book_appointment", book.Name);
        Assert.Equal("15:30", Conversation.Argument(book, "time"));
    }

    [Fact]
    public async Task Passes_the_name_and_service_to_the_booking()
    {
        var talk = Talk();

        await talk.TalkAsync("i'd like to book a haircut on friday at 2 pm my name is sam lee");

        Assert.Equal("2026-11-27 14:00 Sam Lee haircut", Assert.Single(_desk.Booked.Values));
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

        Assert.StartsWith("You're booked for Monday, November 30th at 10 AM.", await talk.TalkAsync("monday then"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Books_directly_when_no_availability_tool_is_offered()
    {
        var talk = Talk(check: false);

        Assert.StartsWith("You're booked for Tuesday, November 24th at 3 PM.", await talk.TalkAsync("tomorrow at three please book it"), StringComparison.Ordinal);
        Assert.Equal(["book_appointment"], talk.Calls.Select(c => c.Name));
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
    public async Task A_failed_booking_is_not_confirmed()
    {
        var talk = Talk();
        ChatResponse response = await talk.SayAsync("book tomorrow at three");
        response = await talk.RunAsync(Conversation.LastCall(response)!);

        response = await talk.ReturnAsync(Conversation.LastCall(response)!, "Error: the calendar is unavailable");

        Assert.Equal("Sorry, I couldn't book Tuesday, November 24th at 3 PM. What other time would suit you?", response.Text);
    }

    [Fact]
    public async Task Cancels_an_appointment_by_day_and_time()
    {
        var talk = Talk();

        ChatResponse response = await talk.SayAsync("i need to cancel my appointment on friday at ten");
        FunctionCallContent cancel = Assert.IsType<FunctionCallContent>(Conversation.LastCall(response));
        Assert.Equal("cancel_appointment", cancel.Name);
        Assert.Equal("2026-11-27", Conversation.Argument(cancel, "date"));
        Assert.Equal("10:00", Conversation.Argument(cancel, "time"));

        response = await talk.RunAsync(cancel);
        Assert.Equal("Your appointment on Friday, November 27th at 10 AM is cancelled. Is there anything else I can help with?", response.Text);
    }

    [Fact]
    public async Task Asks_which_appointment_to_cancel()
    {
        var talk = Talk();

        Assert.Equal("Which appointment would you like to cancel? Please tell me its day and time.", await talk.TalkAsync("i want to cancel"));
        Assert.Equal("What time is your appointment on Wednesday, November 25th?", await talk.TalkAsync("it's on wednesday"));
        Assert.StartsWith("Your appointment on Wednesday, November 25th at 2 PM is cancelled.", await talk.TalkAsync("two o'clock"), StringComparison.Ordinal);
        Assert.Equal("2026-11-25 14:00", Assert.Single(_desk.Cancelled));
    }

    [Fact]
    public async Task A_failed_cancellation_asks_again()
    {
        var talk = Talk();
        ChatResponse response = await talk.SayAsync("cancel my appointment on friday at ten");

        response = await talk.ReturnAsync(Conversation.LastCall(response)!, Conversation.Json("""{"cancelled":false,"error":"not_found"}"""));

        Assert.Equal("Sorry, I couldn't find an appointment on Friday, November 27th at 10 AM. Which day and time is it?", response.Text);
    }

    [Fact]
    public async Task Cancelling_what_was_just_booked_passes_its_id()
    {
        var talk = Talk();
        await talk.TalkAsync("book tomorrow at three");

        Assert.StartsWith("Your appointment on Tuesday, November 24th at 3 PM is cancelled.", await talk.TalkAsync("actually please cancel it"), StringComparison.Ordinal);
        Assert.Equal("2026-11-24 15:00 A1", Assert.Single(_desk.Cancelled));
    }

    [Fact]
    public async Task Moves_by_booking_the_new_time_then_cancelling_the_old_one_a_call_at_a_time()
    {
        var talk = Talk();

        string reply = await talk.TalkAsync("can you move my appointment from tuesday at three to wednesday at ten");

        Assert.Equal("Done, your appointment is now on Wednesday, November 25th at 10 AM. Is there anything else I can help with?", reply);
        Assert.Equal(["check_availability", "book_appointment", "cancel_appointment"], talk.Calls.Select(c => c.Name));
        Assert.Equal("2026-11-25 10:00", $"{Conversation.Argument(talk.Calls[1], "date")} {Conversation.Argument(talk.Calls[1], "time")}");
        Assert.Equal("2026-11-24 15:00", Assert.Single(_desk.Cancelled));
    }

    [Fact]
    public async Task A_move_asks_for_the_old_appointment_then_the_new_time()
    {
        var talk = Talk();

        Assert.Equal("Which appointment would you like to move? Please tell me its day and time.", await talk.TalkAsync("i need to reschedule"));
        Assert.Equal("What day would you like to move it to?", await talk.TalkAsync("thursday at eleven"));
        Assert.Equal("11 AM on Friday, November 27th is free. Shall I book it?", await talk.TalkAsync("friday"));
        Assert.StartsWith("Done, your appointment is now on Friday, November 27th at 11 AM.", await talk.TalkAsync("yes"), StringComparison.Ordinal);
        Assert.Equal("2026-11-26 11:00", Assert.Single(_desk.Cancelled));
    }

    [Fact]
    public async Task Moving_what_was_just_booked_to_another_hour_keeps_the_day()
    {
        var talk = Talk();
        await talk.TalkAsync("book tomorrow at three");

        Assert.StartsWith("Done, your appointment is now on Tuesday, November 24th at 4 PM.", await talk.TalkAsync("could you move it to four"), StringComparison.Ordinal);
        Assert.Equal("2026-11-24 15:00 A1", Assert.Single(_desk.Cancelled));
    }

    [Fact]
    public async Task Changing_the_time_while_booking_changes_the_booking()
    {
        var talk = Talk();
        Assert.StartsWith("What time", await talk.TalkAsync("book friday"), StringComparison.Ordinal);

        Assert.StartsWith("You're booked for Friday, November 27th at 11 AM.", await talk.TalkAsync("at eleven"), StringComparison.Ordinal);
        Assert.Empty(_desk.Cancelled);
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
    public async Task Greets_and_says_what_it_can_do()
    {
        var talk = Talk();

        Assert.Equal("Hello, thanks for calling Voxgate Clinic. I can book, move or cancel an appointment, or tell you our opening hours.", await talk.TalkAsync("good morning"));
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
    public async Task Repeats_the_last_reply_on_request()
    {
        var talk = Talk();
        string first = await talk.TalkAsync("what's the date");

        Assert.Equal(first, await talk.TalkAsync("sorry can you repeat that"));
        Assert.Equal(first, await talk.TalkAsync("say that again"));
        Assert.Equal(first, await talk.TalkAsync("what did you say"));
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
    public async Task Every_reply_is_one_or_two_short_plain_sentences()
    {
        var talk = Talk();
        string[] turns =
        [
            "hello", "what time is it", "what are your opening hours", "book me in", "friday", "three",
            "sorry", "cancel it", "what's the weather", "thanks that's all",
        ];

        foreach (string turn in turns)
        {
            string reply = await talk.TalkAsync(turn);
            int sentences = reply.Count(c => c is '.' or '?' or '!');
            Assert.InRange(sentences, 1, 2);
            Assert.True(reply.Length <= 140, reply);
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

        ChatResponse response = await client.GetResponseAsync("book an appointment tomorrow at three", new ChatOptions { Tools = _desk.Tools() });

        Assert.Equal("You're booked for Tuesday, November 24th at 3 PM. Is there anything else I can help with?", response.Text);
        Assert.Equal("2026-11-24 15:00", Assert.Single(_desk.Booked.Values));
    }

    [Fact]
    public void Reports_its_metadata_and_itself_as_a_service()
    {
        using var client = Receptionist();

        Assert.Equal(ReceptionistChatClient.ModelId, client.GetService<ChatClientMetadata>()?.DefaultModelId);
        Assert.Same(client, client.GetService<ReceptionistChatClient>());
    }
}
