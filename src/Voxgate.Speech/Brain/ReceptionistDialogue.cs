using Microsoft.Extensions.AI;

namespace Voxgate.Speech.Brain;

/// <summary>
/// Decides the receptionist's next reply from the replayed <see cref="DialogueState"/>: answers a question,
/// asks for what a request still lacks, or makes the next tool call. One or two short sentences each time.
/// </summary>
internal sealed class ReceptionistDialogue(ReceptionistOptions options)
{
    private const string AnythingElse = "Is there anything else I can help with?";

    private readonly TimeZoneInfo _timeZone = TimeZoneInfo.FindSystemTimeZoneById(options.TimeZoneId);

    private readonly IntentParser _parser = new([.. options.Services]);

    public Reply Respond(IEnumerable<ChatMessage> messages, BookingTools tools)
    {
        DateTime now = TimeZoneInfo.ConvertTime(options.TimeProvider.GetUtcNow(), _timeZone).DateTime;
        var state = DialogueState.Replay(messages, _parser, DateOnly.FromDateTime(now));
        var turn = new Turn(options, tools, now);

        if (state.Step is { } step)
        {
            return turn.AfterTool(step);
        }

        if (state.Heard is not { } heard)
        {
            return state.Task is { } pending ? turn.Continue(pending) : Reply.Say(Turn.Offer());
        }

        return heard.Intent switch
        {
            Intent.Greeting when state.Task is null => Reply.Say($"Hello, thanks for calling {options.BusinessName}. I can book, move or cancel an appointment, or tell you our opening hours."),
            Intent.AskTime => Reply.Say($"It's {SpokenFormat.Time(TimeOnly.FromDateTime(now))}."),
            Intent.AskDate => Reply.Say($"Today is {SpokenFormat.Date(turn.Today)}."),
            Intent.OpeningHours => Reply.Say(turn.OpeningHours(heard.When.Date)),
            Intent.Repeat => Reply.Say(state.LastSaid ?? "I haven't said anything yet. How can I help you?"),
            Intent.Goodbye => Reply.Say($"Thanks for calling {options.BusinessName}. Goodbye."),
            _ when state.Dropped => Reply.Say($"Okay, never mind. {AnythingElse}"),
            _ when state.Task is { } task => turn.Continue(task),
            Intent.Thanks => Reply.Say($"You're welcome. {AnythingElse}"),
            Intent.Yes => Reply.Say("Sure, what can I help you with?"),
            Intent.No => Reply.Say($"Thanks for calling {options.BusinessName}. Goodbye."),
            _ => Reply.Say(Turn.Offer()),
        };
    }

    /// <summary>One reply's view of the clock and the tools.</summary>
    private sealed class Turn(ReceptionistOptions options, BookingTools tools, DateTime now)
    {
        public DateOnly Today { get; } = DateOnly.FromDateTime(now);

        private TimeOnly TimeNow { get; } = TimeOnly.FromDateTime(now);

        public static string Offer() =>
            "Sorry, I can only help with appointments, our opening hours, or the date and time. What would you like to do?";

        public string OpeningHours(DateOnly? date)
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

        public Reply AfterTool(ToolStep step)
        {
            Slot slot = step.Slot;
            string at = slot.Time is { } time ? $"{SpokenFormat.Date(slot.Date!.Value)} at {SpokenFormat.Time(time)}" : SpokenFormat.Date(slot.Date ?? Today);
            AppointmentTask task = step.Task;
            return (step.Tool, step.Outcome.Success, task.Kind) switch
            {
                (BookingTools.CheckAvailability, false, _) when task.New.Time is { } alternative =>
                    Reply.Say($"Sorry, {at} is taken, but {SpokenFormat.Time(alternative)} is free. Shall I book that?"),
                (BookingTools.CheckAvailability, false, _) => Reply.Say($"Sorry, {at} is taken. What other time would suit you?"),
                (BookingTools.BookAppointment, true, TaskKind.Book) => Reply.Say($"You're booked for {at}. {AnythingElse}"),
                (BookingTools.BookAppointment, false, _) => Reply.Say($"Sorry, I couldn't book {at}. What other time would suit you?"),
                (BookingTools.CancelAppointment, true, TaskKind.Cancel) => Reply.Say($"Your appointment on {at} is cancelled. {AnythingElse}"),
                (BookingTools.CancelAppointment, true, TaskKind.Move) =>
                    Reply.Say($"Done, your appointment is now on {SpokenFormat.Date(task.New.Date!.Value)} at {SpokenFormat.Time(task.New.Time!.Value)}. {AnythingElse}"),
                (BookingTools.CancelAppointment, false, TaskKind.Cancel) => Reply.Say($"Sorry, I couldn't find an appointment on {at}. Which day and time is it?"),
                (BookingTools.CancelAppointment, false, TaskKind.Move) =>
                    Reply.Say($"You're booked for {SpokenFormat.Date(task.New.Date!.Value)} at {SpokenFormat.Time(task.New.Time!.Value)}, but I couldn't cancel the appointment on {at}. Please ask our staff to cancel it."),
                _ => Continue(task),
            };
        }

        public Reply Continue(AppointmentTask task) => task.Kind switch
        {
            TaskKind.Book => Book(task),
            TaskKind.Cancel => Cancel(task),
            _ => Move(task),
        };

        private Reply Book(AppointmentTask task)
        {
            if (!tools.Has(BookingTools.BookAppointment))
            {
                return Cannot("book");
            }

            return AskForNewSlot(task, "What day would you like to come in?") ?? BookNewSlot(task);
        }

        private Reply Cancel(AppointmentTask task)
        {
            if (!tools.Has(BookingTools.CancelAppointment))
            {
                return Cannot("cancel");
            }

            return AskForOldSlot(task.Old, "cancel") ?? Reply.Invoke(tools.Cancel(task.Old));
        }

        private Reply Move(AppointmentTask task)
        {
            if (!tools.Has(BookingTools.BookAppointment) || !tools.Has(BookingTools.CancelAppointment))
            {
                return Cannot("move");
            }

            if (AskForOldSlot(task.Old, "move") is { } ask)
            {
                return ask;
            }

            if (task.Booked)
            {
                return Reply.Invoke(tools.Cancel(task.Old));
            }

            return AskForNewSlot(task, "What day would you like to move it to?") ?? BookNewSlot(task);
        }

        private Reply BookNewSlot(AppointmentTask task)
        {
            Slot slot = task.New;
            if (!task.Available && tools.Has(BookingTools.CheckAvailability))
            {
                return Reply.Invoke(BookingTools.Check(slot));
            }

            if (slot.TimeSuggested && !task.Agreed)
            {
                return Reply.Say($"{Capitalize(SpokenFormat.Time(slot.Time!.Value))} on {SpokenFormat.Date(slot.Date!.Value)} is free. Shall I book it?");
            }

            return Reply.Invoke(BookingTools.Book(slot, task.Name, task.Service));
        }

        /// <summary>Asks for the day or time still missing, or says why the one given won't do; null when the slot can be booked.</summary>
        private Reply? AskForNewSlot(AppointmentTask task, string askDay)
        {
            Slot slot = task.New;
            if (slot.Date is not { } date)
            {
                return Reply.Say(slot.Time is { } time ? $"{askDay[..^1]} at {SpokenFormat.Time(time)}?" : askDay);
            }

            if (date < Today)
            {
                return Reply.Say("Sorry, that date has already passed. Which other day would suit you?");
            }

            if (!options.OpeningHours.TryGetValue(date.DayOfWeek, out DailyHours? hours))
            {
                return Reply.Say($"Sorry, we're closed on {date.DayOfWeek}s. Which other day would suit you?");
            }

            if (slot.Time is not { } start)
            {
                return Reply.Say($"What time on {SpokenFormat.Date(date)} would suit you? We're open {SpokenFormat.Hours(hours)}.");
            }

            if (date == Today && start <= TimeNow)
            {
                return Reply.Say("Sorry, that time has already passed today. What later time would suit you?");
            }

            TimeSpan end = start.ToTimeSpan() + options.AppointmentLength;
            if (start < hours.Opens || end > hours.Closes.ToTimeSpan())
            {
                return Reply.Say($"Sorry, on {date.DayOfWeek}s we're open {SpokenFormat.Hours(hours)}. What time in those hours would suit you?");
            }

            return null;
        }

        private static Reply? AskForOldSlot(Slot slot, string verb)
        {
            if (slot.Date is not { } date)
            {
                return Reply.Say($"Which appointment would you like to {verb}? Please tell me its day and time.");
            }

            return slot.Time is null && slot.Id is null
                ? Reply.Say($"What time is your appointment on {SpokenFormat.Date(date)}?")
                : null;
        }

        private static Reply Cannot(string verb) =>
            Reply.Say($"Sorry, I can't {verb} appointments right now. Please try again later.");

        private static string Capitalize(string text) => string.Concat(char.ToUpperInvariant(text[0]).ToString(), text.AsSpan(1));
    }
}
