using Microsoft.Extensions.AI;

namespace Voxgate.Speech.Brain;

/// <summary>
/// Decides the receptionist's next reply from the replayed <see cref="DialogueState"/>: answers a question, asks for
/// what a request still lacks (in other words, and then with an example, when the same question has not worked), or
/// makes the next tool call. It never says the same sentence twice in a row.
/// </summary>
internal sealed class ReceptionistDialogue(ReceptionistOptions options)
{
    /// <summary>Offered when no booking could be found: the caller may have meant to make one.</summary>
    public const string NewBookingOffer = "Would you like to make a new appointment instead?";

    /// <summary>Ends a reply that turned the day down (closed, passed, fully booked): the day is asked for afresh.</summary>
    public const string OtherDay = "Which other day would suit you?";

    /// <summary>Ends a reply that turned a time outside the opening hours down: the time is asked for afresh.</summary>
    public const string TimeInHours = "What time in those hours would suit you?";

    /// <summary>Ends a reply that turned a time already passed today down: the time is asked for afresh.</summary>
    public const string LaterTime = "What later time would suit you?";

    private const string AnythingElse = "Is there anything else I can help with?";

    private readonly TimeZoneInfo _timeZone = TimeZoneInfo.FindSystemTimeZoneById(options.TimeZoneId);

    private readonly IntentParser _parser = new([.. options.Services]);

    public Reply Respond(IEnumerable<ChatMessage> messages, BookingTools tools)
    {
        DateTime now = TimeZoneInfo.ConvertTime(options.TimeProvider.GetUtcNow(), _timeZone).DateTime;
        var state = DialogueState.Replay(messages, _parser, DateOnly.FromDateTime(now));
        Reply reply = new Turn(options, tools, now, state).Decide();
        return reply.Text is { } text && string.Equals(text, state.LastSaid, StringComparison.Ordinal) ? Reply.Say(Rephrase(text)) : reply;
    }

    /// <summary>The same content in other words, for when the chosen reply is exactly the last one.</summary>
    internal static string Rephrase(string text) =>
        text.StartsWith("Sorry, ", StringComparison.Ordinal) ? string.Concat("I'm sorry, ", text.AsSpan(7))
        : text.StartsWith("I'm sorry, ", StringComparison.Ordinal) ? string.Concat("Sorry again, ", text.AsSpan(11))
        : text.StartsWith("As I said, ", StringComparison.Ordinal) ? string.Concat("Again, ", text.AsSpan(11))
        : "As I said, " + LowerFirst(text);

    private static string LowerFirst(string text)
    {
        string first = text.Split(' ', 2)[0].TrimEnd(',', '.');
        bool proper = first is "I" or "I'm" or "I'll" || Enum.TryParse<DayOfWeek>(first, out _) || first.StartsWith("G B", StringComparison.Ordinal);
        return proper || text.Length == 0 ? text : string.Concat(char.ToLowerInvariant(text[0]).ToString(), text.AsSpan(1));
    }

    /// <summary>One reply's view of the clock, the tools and the conversation.</summary>
    private sealed class Turn(ReceptionistOptions options, BookingTools tools, DateTime now, DialogueState state)
    {
        private DateOnly Today { get; } = DateOnly.FromDateTime(now);

        private TimeOnly TimeNow { get; } = TimeOnly.FromDateTime(now);

        private static string Offer() =>
            "Sorry, I can only help with appointments, our opening hours, or the date and time. What would you like to do?";

        public Reply Decide()
        {
            if (state.Step is { } step)
            {
                return AfterTool(step);
            }

            if (state.Heard is not { } heard)
            {
                return state.Task is { } pending ? Continue(pending) : Reply.Say(Offer());
            }

            return heard.Intent switch
            {
                Intent.Greeting when state.Task is null => Reply.Say($"Hello, thanks for calling {options.BusinessName}. I can book, move or cancel an appointment, or tell you our opening hours. How can I help?"),
                Intent.HowAreYou when state.Task is null => Reply.Say("I'm very well, thank you. How can I help you today?"),
                Intent.AskTime => Reply.Say($"It's {SpokenFormat.Time(TimeNow)}."),
                Intent.AskDate => Reply.Say($"Today is {SpokenFormat.Date(Today)}."),
                Intent.OpeningHours => Reply.Say(OpeningHours(heard.When.Date)),
                Intent.Repeat => Reply.Say(Repeat(state.LastSaid)),
                Intent.Goodbye => Reply.Say($"Thanks for calling {options.BusinessName}. Goodbye."),
                Intent.AboutBooking when state.Task is null => AskWhatToDo(),
                _ when state.Dropped => Reply.Say($"Okay, never mind. {AnythingElse}"),
                _ when state.Task is { } task => Continue(task),
                Intent.None or Intent.Yes when state.LastAsked == QuestionKind.Request => AskWhatToDo(),
                Intent.Thanks => Reply.Say($"You're welcome. {AnythingElse}"),
                Intent.Yes => Reply.Say("Sure, what can I help you with?"),
                // A "no" ends the call only as the answer to "anything else?": heard anywhere else it may be a misheard request.
                Intent.No when state.LastSaid?.EndsWith(AnythingElse, StringComparison.Ordinal) == true => Reply.Say($"Thanks for calling {options.BusinessName}. Goodbye."),
                _ => Reply.Say(Offer()),
            };
        }

        /// <summary>The caller spoke of their booking, but what they want done with it was not heard.</summary>
        private Reply AskWhatToDo() => Ask(QuestionKind.Request,
            "Sorry, I didn't quite catch that. Would you like to move your appointment, cancel it, or check when it is?",
            "Sorry, should I move your appointment, cancel it, or tell you when it is?",
            "Sorry, I still didn't catch it. Could you say move it, cancel it, or when is it?",
            "What should I do with your appointment? For example, say cancel it, or move it to Friday?");

        private static string Repeat(string? last)
        {
            const string SaidPrefix = "Sure, I said: ";
            const string CoursePrefix = "Of course: ";
            if (last is null)
            {
                return "I haven't said anything yet. How can I help you?";
            }

            string core = last.StartsWith(SaidPrefix, StringComparison.Ordinal) ? last[SaidPrefix.Length..]
                : last.StartsWith(CoursePrefix, StringComparison.Ordinal) ? last[CoursePrefix.Length..]
                : last;
            return (last.StartsWith(SaidPrefix, StringComparison.Ordinal) ? CoursePrefix : SaidPrefix) + core;
        }

        private string OpeningHours(DateOnly? date)
        {
            if (date is not { } day)
            {
                string closed = SpokenFormat.ClosedDays(options.OpeningHours);
                string open = $"We're open {SpokenFormat.Week(options.OpeningHours)}.";
                return closed.Length == 0 ? open : $"{open} We're closed on {closed}.";
            }

            string when = day == Today ? "today" : day == Today.AddDays(1) ? "tomorrow" : $"on {SpokenFormat.Date(day)}";
            return options.OpeningHours.TryGetValue(day.DayOfWeek, out DailyHours? hours)
                ? $"{Capitalize(when)} we're open {SpokenFormat.Hours(hours)}."
                : $"Sorry, we're closed {when}.";
        }

        private Reply AfterTool(ToolStep step)
        {
            AppointmentTask task = step.Task;
            ToolOutcome outcome = step.Outcome;
            string at = At(step.Slot);
            switch (step.Tool)
            {
                case BookingTools.CheckAvailability when step.Slot.Time is null:
                    return outcome.Alternatives.Count == 0
                        ? Reply.Say($"Sorry, we're fully booked on {SpokenFormat.Date(step.Slot.Date!.Value)}. {OtherDay}")
                        : Reply.Say($"On {SpokenFormat.Date(step.Slot.Date!.Value)} I have {SpokenFormat.Times(outcome.Alternatives)} free. What time would suit you?");
                case BookingTools.CheckAvailability when !outcome.Success:
                    return task.New.Time is { } offered
                        ? Reply.Say($"Sorry, {at} is taken, but {SpokenFormat.Time(offered)} is free. {(task.Kind == TaskKind.Move ? "Shall I move it there?" : "Shall I book that?")}")
                        : Reply.Say($"Sorry, {at} is taken. What other time would suit you?");
                case BookingTools.CheckAvailability:
                    return Continue(task, justChecked: true);

                case BookingTools.BookAppointment when outcome.Success:
                    return Reply.Say($"You're booked for {at}.{ReferenceSentence(outcome.Reference, "Your reference is")} {AnythingElse}");
                case BookingTools.BookAppointment:
                    return task.New.Time is { } instead
                        ? Reply.Say($"Sorry, I couldn't book {at}, but {SpokenFormat.Time(instead)} is free. Shall I book that?")
                        : Reply.Say($"Sorry, I couldn't book {at}. What other time would suit you?");

                case BookingTools.RescheduleAppointment when outcome.Success:
                    return Reply.Say($"Done, your appointment is now on {at}.{ReferenceSentence(outcome.Reference ?? task.Old.Id, "Your reference is still")} {AnythingElse}");
                case BookingTools.RescheduleAppointment when outcome.Error == "not_found":
                    return Prefixed("Sorry, I couldn't find that booking.", Continue(task));
                case BookingTools.RescheduleAppointment:
                    return task.New.Time is { } other
                        ? Reply.Say($"Sorry, I couldn't move it to {at}, but {SpokenFormat.Time(other)} is free. Shall I move it there?")
                        : Reply.Say($"Sorry, I couldn't move it to {at}. What other time would suit you?");

                case BookingTools.CancelAppointment when outcome.Success:
                    return Reply.Say(step.Slot.Date is null
                        ? $"Your appointment is cancelled. {AnythingElse}"
                        : $"Your appointment on {at} is cancelled. {AnythingElse}");
                case BookingTools.CancelAppointment:
                    return Prefixed("Sorry, I couldn't find that booking.", Continue(task));

                case BookingTools.FindBooking:
                    return AfterLookup(task);

                default:
                    return Continue(task);
            }
        }

        private Reply AfterLookup(AppointmentTask task)
        {
            if (task.Identified)
            {
                string booking = $"{(task.Name is { } name ? $"an appointment for {name}" : "your appointment")} on {At(task.Old)}";
                return task.Kind switch
                {
                    TaskKind.Cancel => Reply.Say($"I have {booking}. Shall I cancel it?"),
                    TaskKind.Check => Reply.Say($"I have {booking}.{ReferenceSentence(task.Old.Id, "The reference is")} {AnythingElse}"),
                    _ => Continue(task),
                };
            }

            if (task.Candidates.Count > 1)
            {
                return Reply.Say($"I have bookings on {SpokenFormat.List([.. task.Candidates.Take(3).Select(b => $"{SpokenFormat.Date(b.Date)} at {SpokenFormat.Time(b.Time)}")], "and")}. Which one is it?");
            }

            // Another lookup to try (the surname alone) goes first; only then is the caller asked again.
            Reply next = Continue(task);
            if (next.Call is not null)
            {
                return next;
            }

            if (task.LastLookup?.StartsWith("name:", StringComparison.Ordinal) == true && task.Name is { } asked)
            {
                // Perhaps there is no booking to find: "move" or "cancel" may have been misheard.
                return task.ReferenceUnknown && tools.Has(BookingTools.BookAppointment)
                    ? Reply.Say($"Sorry, I couldn't find a booking under {asked}. {NewBookingOffer}")
                    : Reply.Say($"Sorry, I couldn't find a booking under {asked}. Could you tell me the booking reference, or the name again?");
            }

            return Prefixed("Sorry, I couldn't find a booking with that reference.", next);
        }

        private Reply Continue(AppointmentTask task, bool justChecked = false) => task.Kind switch
        {
            TaskKind.Book => Book(task, justChecked),
            TaskKind.Move => Move(task),
            TaskKind.Cancel => Cancel(task),
            _ => Check(task),
        };

        private Reply Book(AppointmentTask task, bool justChecked)
        {
            if (!tools.Has(BookingTools.BookAppointment))
            {
                return Cannot("book");
            }

            if (AskForNewSlot(task, "come in") is { } ask)
            {
                return ask;
            }

            Slot slot = task.New;
            if (!task.Available && tools.Has(BookingTools.CheckAvailability))
            {
                return Reply.Invoke(tools.Check(slot, task.Service));
            }

            bool takesName = tools.BookingTakesName;
            if (takesName && task.Name is null)
            {
                string lead = justChecked
                    ? slot.TimeSuggested ? $"{Capitalize(SpokenFormat.Time(slot.Time!.Value))} on {SpokenFormat.Date(slot.Date!.Value)} is free. " : $"{Capitalize(At(slot))} is free. "
                    : task.Agreed && state.Heard?.Intent == Intent.Yes ? "Great. " : "";
                return Ask(QuestionKind.Name,
                    $"{lead}Can I take your name, please?",
                    "Sorry, could you tell me your name again?",
                    "Sorry, I didn't catch your name. Could you say your first and last name, like Sam Lee?",
                    "I still didn't get your name. Could you say just your name, for example my name is Alex Smith?");
            }

            // The booking is read back with the name before it is made: the caller hears what was understood and can correct it.
            if (!task.Agreed && (takesName || slot.TimeSuggested))
            {
                if (task.ChangeRequested)
                {
                    return Reply.Say("Sorry about that. What should I change, the day or the time? Or just tell me the right name.");
                }

                if (task.FirstNameAsked)
                {
                    return Ask(QuestionKind.Name,
                        "Sorry, I may have misheard your first name. Could you say just your first name?",
                        "Sorry, could you say just your first name again?",
                        "Sorry, I still didn't catch it. Could you say just your first name, like Sam?",
                        "Could you say just your first name once more, for example Alex?");
                }

                if (task.SpellingAsked)
                {
                    string part = task.SpellingFirstName ? "first name" : "surname";
                    return Ask(QuestionKind.Name,
                        $"Sorry, I may have misheard your name. Could you spell your {part} for me, letter by letter?",
                        $"Sorry, could you spell your {part} again, one letter at a time?",
                        $"Sorry, I still didn't get it. Could you spell your {part} slowly, like S M I T H?",
                        $"Could you spell your {part} once more, one letter at a time?");
                }

                if (!takesName)
                {
                    return Reply.Say($"{Capitalize(SpokenFormat.Time(slot.Time!.Value))} on {SpokenFormat.Date(slot.Date!.Value)} is free. Shall I book it?");
                }

                string what = Booking(slot, task.Service);
                string free = slot.TimeSuggested ? $"{Capitalize(SpokenFormat.Time(slot.Time!.Value))} on {SpokenFormat.Date(slot.Date!.Value)} is free." : $"{Capitalize(At(slot))} is free.";
                string who = SoundAlikeNames.ReadBack(task.Name!);
                string first = state.Heard?.Name is { } said && said == task.Name ? $"Thank you, {who}. Shall I book {what} for you?"
                    : justChecked ? $"{free} Shall I book {(task.Service is { } service ? $"the {service}" : "it")} for {who}?"
                    : $"Shall I book {what} for {who}?";
                return Ask(QuestionKind.YesNo,
                    first,
                    $"Sorry, shall I book {what} for {who}?",
                    $"Sorry, I didn't catch that. Shall I book {what} for {who}? Please say yes, or tell me what to change.",
                    $"Should I book {what} for {who}? Just say yes, or tell me another day or time.");
            }

            return Reply.Invoke(tools.Book(slot, task.Name, task.Phone, task.Service));
        }

        private Reply Move(AppointmentTask task)
        {
            if (!tools.Has(BookingTools.RescheduleAppointment))
            {
                return Cannot("move");
            }

            if (Identify(task) is { } identify)
            {
                return identify;
            }

            if (AskForNewSlot(task, "move it to") is { } ask)
            {
                return ask;
            }

            Slot slot = task.New;
            if (!task.Available && tools.Has(BookingTools.CheckAvailability))
            {
                return Reply.Invoke(tools.Check(slot, task.Service));
            }

            if (!task.Agreed)
            {
                if (task.ChangeRequested)
                {
                    return Reply.Say("Sorry about that. Which day and time would you like instead?");
                }

                return Ask(QuestionKind.YesNo,
                    $"{Capitalize(At(slot))} is free. Shall I move your appointment there?",
                    $"Sorry, shall I move your appointment to {At(slot)}?",
                    $"Sorry, I didn't catch that. Shall I move it to {At(slot)}? Please say yes or no.",
                    $"Should I move it to {At(slot)}? Just say yes, or tell me another time.");
            }

            return Reply.Invoke(BookingTools.Reschedule(task.Old.Id!, slot));
        }

        private Reply Cancel(AppointmentTask task)
        {
            if (!tools.Has(BookingTools.CancelAppointment))
            {
                return Cannot("cancel");
            }

            if (Identify(task) is { } identify)
            {
                return identify;
            }

            if (task.NeedsConfirmation && !task.Confirmed)
            {
                return Ask(QuestionKind.YesNo,
                    $"I have your appointment on {At(task.Old)}. Shall I cancel it?",
                    $"Sorry, shall I cancel your appointment on {At(task.Old)}?",
                    $"Sorry, I didn't catch that. Shall I cancel the appointment on {At(task.Old)}? Please say yes or no.",
                    $"Should I cancel it? Just say yes to cancel, or no to keep it.");
            }

            return Reply.Invoke(tools.Cancel(task.Old));
        }

        private Reply Check(AppointmentTask task) =>
            Identify(task) ?? Reply.Say($"Your appointment is on {At(task.Old)}.{ReferenceSentence(task.Old.Id, "The reference is")} {AnythingElse}");

        /// <summary>Finds the booking a move, cancellation or check is about; null once it is known.</summary>
        private Reply? Identify(AppointmentTask task)
        {
            if (task.Identified)
            {
                return null;
            }

            if (!tools.Has(BookingTools.FindBooking))
            {
                // Without a lookup the reference (or, for a cancellation tool that takes them, the day and time) is all there is to go on.
                if (task.Old.Id is not null || (task.Kind == TaskKind.Cancel && task.Old.Date is not null && task.Old.Time is not null))
                {
                    return null;
                }
            }
            else
            {
                if (task.Candidates.Count > 1)
                {
                    return Ask(QuestionKind.WhichBooking,
                        $"I have bookings on {SpokenFormat.List([.. task.Candidates.Take(3).Select(b => $"{SpokenFormat.Date(b.Date)} at {SpokenFormat.Time(b.Time)}")], "and")}. Which one is it?",
                        "Sorry, which one of those bookings is it?",
                        $"Sorry, I didn't catch which one. Could you say its day, like {task.Candidates[0].Date.DayOfWeek}?",
                        $"Which booking is it? For example, say the one on {task.Candidates[^1].Date.DayOfWeek}?");
                }

                if (task.Old.Id is { } reference && !task.Lookups.Contains(DialogueState.LookupKey(Arguments(BookingTools.ReferenceParameter, reference))))
                {
                    return Reply.Invoke(BookingTools.Find(reference, null));
                }

                // The whole name first; if the recogniser got the first name wrong ("Brian" for "Ryan"), the surname alone.
                foreach (string candidate in task.Name is { } name ? (string[])[name, .. name.Contains(' ', StringComparison.Ordinal) ? [name[(name.LastIndexOf(' ') + 1)..]] : Array.Empty<string>()] : [])
                {
                    if (!task.Lookups.Contains(DialogueState.LookupKey(Arguments(BookingTools.NameParameter, candidate))))
                    {
                        return Reply.Invoke(BookingTools.Find(null, candidate));
                    }
                }
            }

            if (!task.ReferenceUnknown)
            {
                return Ask(QuestionKind.Reference,
                    "Do you have your booking reference? It starts with G B.",
                    "Sorry, could you read me the booking reference again?",
                    "Sorry, I didn't get the whole reference. Could you read the reference one character at a time, starting with G B?",
                    "I still couldn't read the reference. Could you read it slowly, or tell me the name the booking is under?");
            }

            return Ask(QuestionKind.Name,
                "No problem. What name is the booking under?",
                "Sorry, what was the name on the booking?",
                "Sorry, I didn't catch the name. Could you say the first and last name, like Sam Lee?",
                "I still didn't get the name. Could you say just the name on the booking, for example Alex Smith?");
        }

        /// <summary>Asks for the day or time still missing, or says why the one given won't do; null when the slot can be booked.</summary>
        private Reply? AskForNewSlot(AppointmentTask task, string verb)
        {
            Slot slot = task.New;
            string come = verb == "come in" ? "would you like to come in" : "should I move it to";
            if (slot.Date is not { } date)
            {
                string at = slot.Time is { } time ? $" at {SpokenFormat.Time(time)}" : "";
                return Ask(QuestionKind.Day,
                    $"What day {come}{at}?",
                    $"Sorry, which day {come}{at}?",
                    "Sorry, I didn't catch the day. Could you say a day like Friday, or the third of December?",
                    "I still didn't get the day. Could you say just the day, for example next Tuesday?");
            }

            if (date < Today)
            {
                return Reply.Say($"Sorry, that date has already passed. {OtherDay}");
            }

            if (!options.OpeningHours.TryGetValue(date.DayOfWeek, out DailyHours? hours))
            {
                return Reply.Say($"Sorry, we're closed on {date.DayOfWeek}s. {OtherDay}");
            }

            if (slot.Time is not { } start)
            {
                if (tools.Has(BookingTools.CheckAvailability) && state.Step is null && state.Heard?.Inquiry == true && state.TimesAsked(QuestionKind.Time) == 0)
                {
                    // "do you have anything on thursday": say which times are free.
                    return Reply.Invoke(tools.Check(slot, task.Service));
                }

                return Ask(QuestionKind.Time,
                    $"What time on {SpokenFormat.Date(date)} would suit you? We're open {SpokenFormat.Hours(hours)}.",
                    $"Sorry, what time on {date.DayOfWeek} would you like?",
                    "Sorry, I didn't catch the time. Could you say a time like ten thirty, or four o'clock?",
                    "I still didn't get the time. Could you say just the time, for example half past two?");
            }

            if (date == Today && start <= TimeNow)
            {
                return Reply.Say($"Sorry, that time has already passed today. {LaterTime}");
            }

            TimeSpan end = start.ToTimeSpan() + options.AppointmentLength;
            if (start < hours.Opens || end > hours.Closes.ToTimeSpan())
            {
                return Reply.Say($"Sorry, on {date.DayOfWeek}s we're open {SpokenFormat.Hours(hours)}. {TimeInHours}");
            }

            return null;
        }

        /// <summary>The question in the wording for how many times in a row it has been asked.</summary>
        private Reply Ask(QuestionKind kind, string first, string again, string withExample, string withAnotherExample) =>
            Reply.Say(Questions.Pick(state.TimesAsked(kind), first, again, withExample, withAnotherExample));

        private string At(Slot slot) => slot.Time is { } time
            ? $"{SpokenFormat.Date(slot.Date ?? Today)} at {SpokenFormat.Time(time)}"
            : SpokenFormat.Date(slot.Date ?? Today);

        /// <summary>"a haircut on Friday, November 27th at 10 AM", or just the day and time when no service was named.</summary>
        private string Booking(Slot slot, string? service) =>
            service is null ? At(slot) : $"{("aeiou".Contains(service[0], StringComparison.Ordinal) ? "an" : "a")} {service} on {At(slot)}";

        private static string ReferenceSentence(string? reference, string lead) =>
            reference is null ? "" : $" {lead} {BookingReference.Spoken(reference)}.";

        private static Reply Prefixed(string sentence, Reply next) =>
            next.Text is { } text ? Reply.Say($"{sentence} {text}") : next;

        private static Dictionary<string, object?> Arguments(string name, string value) => new(StringComparer.Ordinal) { [name] = value };

        private static Reply Cannot(string verb) =>
            Reply.Say($"Sorry, I can't {verb} appointments right now. Please try again later.");

        private static string Capitalize(string text) => string.Concat(char.ToUpperInvariant(text[0]).ToString(), text.AsSpan(1));
    }
}
