using Microsoft.Extensions.AI;

namespace Voxgate.Speech.Brain;

/// <summary>
/// What the conversation so far amounts to, rebuilt from the whole message history on every call: the task in
/// progress, the last booking made, the caller's name, what was last said and asked, and what happened last.
/// </summary>
internal sealed class DialogueState
{
    private readonly Dictionary<string, FunctionCallContent> _calls = new(StringComparer.Ordinal);
    private bool _toolSinceAsked;

    public AppointmentTask? Task { get; private set; }

    /// <summary>The most recent booking made or moved in this call, for "cancel it", "move it" or "make that ten instead".</summary>
    public Slot? LastBooked { get; private set; }

    /// <summary>The caller's name, once said.</summary>
    public string? CallerName { get; private set; }

    /// <summary>The receptionist's last spoken reply, for "say that again" and so as never to say it twice running.</summary>
    public string? LastSaid { get; private set; }

    /// <summary>What that reply asked for.</summary>
    public QuestionKind LastAsked { get; private set; }

    /// <summary>How many replies in a row, with no tool call between them, asked for <see cref="LastAsked"/>.</summary>
    public int AskedInARow { get; private set; }

    /// <summary>The last reply offered a new booking because none was found.</summary>
    private bool OfferedNewBooking => LastSaid?.EndsWith(ReceptionistDialogue.NewBookingOffer, StringComparison.Ordinal) == true;

    /// <summary>The caller's latest turn, when the conversation ends with one.</summary>
    public Utterance? Heard { get; private set; }

    /// <summary>The latest tool result, when the conversation ends with one.</summary>
    public ToolStep? Step { get; private set; }

    /// <summary>The caller dropped the task in progress on their latest turn.</summary>
    public bool Dropped { get; private set; }

    /// <summary>
    /// How many times this question has already been asked in a row without an answer, if <paramref name="kind"/> is the
    /// one asked last. A tool call or a turn that moved the task on since then starts the count again: the question
    /// did not fail.
    /// </summary>
    public int TimesAsked(QuestionKind kind) => kind == LastAsked && !_toolSinceAsked ? AskedInARow : 0;

    public static DialogueState Replay(IEnumerable<ChatMessage> messages, IntentParser parser, DateOnly today)
    {
        var state = new DialogueState();
        foreach (ChatMessage message in messages)
        {
            state.Apply(message, parser, today);
        }

        return state;
    }

    private void Apply(ChatMessage message, IntentParser parser, DateOnly today)
    {
        if (message.Role == ChatRole.System)
        {
            return;
        }

        foreach (AIContent content in message.Contents)
        {
            switch (content)
            {
                case FunctionCallContent call:
                    _calls[call.CallId] = call;
                    _toolSinceAsked = true;
                    break;
                case FunctionResultContent result:
                    Heard = null;
                    Dropped = false;
                    ApplyResult(result);
                    break;
            }
        }

        string text = message.Text;
        if (string.IsNullOrWhiteSpace(text))
        {
            return;
        }

        if (message.Role == ChatRole.Assistant)
        {
            LastSaid = text.Trim();
            QuestionKind asked = Questions.KindOf(LastSaid);
            AskedInARow = asked != QuestionKind.None && asked == LastAsked && !_toolSinceAsked ? AskedInARow + 1 : asked == QuestionKind.None ? 0 : 1;
            LastAsked = asked;
            _toolSinceAsked = false;
            ForgetTurnedDown();
        }
        else if (message.Role == ChatRole.User)
        {
            Step = null;
            Dropped = false;
            bool timeMissing = Task is { Kind: TaskKind.Book or TaskKind.Move, New.Time: null };
            Heard = parser.Parse(text, today, LastAsked, timeMissing);
            CallerName = Heard.Name ?? CallerName;
            string before = Signature();
            ApplyUtterance(Heard);
            if (Signature() != before)
            {
                AskedInARow = 0;
            }
        }
    }

    private void ApplyUtterance(Utterance heard)
    {
        bool inProgress = Task is not null;
        if (heard.DoesNotKnow && Task is not null && LastAsked == QuestionKind.Reference)
        {
            Task.ReferenceUnknown = true;
        }

        if (Task is { Kind: TaskKind.Book } && LastAsked == QuestionKind.YesNo && heard.Intent != Intent.Yes
            && heard.Name is not null && string.Equals(heard.Name, Task.Name, StringComparison.Ordinal))
        {
            // "No, my name is Amy Clarke" heard as the same "Amy Clark" again.
            Task.NameDisputes++;
            if (Task.NameDisputes >= 2)
            {
                Task.DoubtFirstName();
            }
            else
            {
                Task.DoubtSurname();
            }
        }

        // "No, my name is Sarah Jones" after "Said Jones" was read back: remembered, to ask for letters if it goes on.
        string? readBack = Task is { Kind: TaskKind.Book } && LastAsked == QuestionKind.YesNo && heard.Intent != Intent.Yes && heard.Name is not null ? Task.Name : null;

        switch (heard.Intent)
        {
            case Intent.Book when Task is { Kind: TaskKind.Book or TaskKind.Move }:
                Task.Fill(heard);
                break;
            case Intent.Book:
                Start(TaskKind.Book, heard);
                break;

            // "can i change that to four" while booking changes the booking, it does not move an appointment.
            case Intent.Move when Task is { Kind: TaskKind.Book or TaskKind.Move }:
                Task.Fill(heard);
                break;
            case Intent.Move:
                Start(TaskKind.Move, heard);
                break;

            // "actually cancel that" drops the request in progress.
            case Intent.Cancel when Task is { Kind: TaskKind.Book or TaskKind.Move } && heard.When.IsEmpty && heard.Reference is null:
                Drop();
                break;
            case Intent.Cancel when Task is { Kind: TaskKind.Cancel }:
                Task.Fill(heard);
                break;
            case Intent.Cancel:
                Start(TaskKind.Cancel, heard);
                break;

            case Intent.Check when Task is { Kind: TaskKind.Check }:
                Task.Fill(heard);
                break;
            case Intent.Check:
                Start(TaskKind.Check, heard);
                break;

            // "Would you like to make a new appointment instead?" after a lookup that found nothing.
            case Intent.Yes when Task is { Kind: not TaskKind.Book } && OfferedNewBooking:
                AppointmentTask instead = new(TaskKind.Book) { Name = Task.Name, Service = Task.Service };
                instead.New.Merge(new SpokenDateTime(Task.New.Date, Task.New.Time, null));
                Task = instead;
                Task.Fill(heard);
                break;
            case Intent.No when Task is { Kind: not TaskKind.Book } && OfferedNewBooking && heard.When.IsEmpty:
                // They do have a booking: ask for its reference again.
                Task.ReferenceUnknown = false;
                Task.Fill(heard);
                break;

            // Yes and no answer the question just asked: a slot read back, a time proposed, "shall I cancel it?".
            case Intent.Yes when Task is not null && LastAsked == QuestionKind.YesNo:
                Task.Fill(heard);
                if (Task.Kind == TaskKind.Cancel)
                {
                    Task.Confirmed = true;
                }
                else
                {
                    Task.Agreed = true;
                }

                break;
            // "no, it's c l a r k" corrects the name read back: it is filled in below, like a name.
            case Intent.No when Task is { Kind: TaskKind.Book or TaskKind.Move } && LastAsked == QuestionKind.YesNo && heard.When.IsEmpty && heard.Name is null && heard.Spelled is null:
                if (Task.New.TimeSuggested)
                {
                    // "no" to a proposed time: ask for another.
                    Task.New.Time = null;
                    Task.New.TimeSuggested = false;
                    Task.Available = false;
                }
                else
                {
                    Task.ChangeRequested = true;
                }

                break;
            case Intent.No when Task is not null && LastAsked == QuestionKind.Reference && heard.When.IsEmpty:
                // "no, I don't have it".
                Task.ReferenceUnknown = true;
                Task.Fill(heard);
                break;
            case Intent.No when inProgress && heard.When.IsEmpty && heard.Name is null && heard.Spelled is null:
                Drop();
                break;
            case Intent.Goodbye:
                Task = null;
                break;

            // "actually make that ten instead" once the booking is made moves it.
            case Intent.None when !inProgress && heard.Correction && LastBooked is not null:
                Task = new AppointmentTask(TaskKind.Move);
                Task.Identify(LastBooked.Id, LastBooked.Date, LastBooked.Time, confirm: false);
                Task.Fill(heard);
                break;

            // "tomorrow at three" out of the blue is someone wanting to come in; a reference alone, someone asking about a booking.
            // "i need a haircut tomorrow at noon", and the same after a "hi": a day, a time or a service asks for a booking.
            case Intent.None or Intent.Greeting when !inProgress && (!heard.When.IsEmpty || heard.Service is not null):
                Start(TaskKind.Book, heard);
                break;
            case Intent.None when !inProgress && heard.Reference is not null:
                Start(TaskKind.Check, heard);
                break;

            // An answer to a question ("at four", "my name is sam", "no, friday") fills the task in progress.
            case Intent.None or Intent.Yes or Intent.No or Intent.Thanks or Intent.Greeting or Intent.Repeat or Intent.HowAreYou or Intent.AboutBooking when inProgress:
                Task!.Fill(heard);
                break;
        }

        if (Task is not null)
        {
            Task.Name ??= CallerName;
            if (readBack is not null && Task.Kind == TaskKind.Book && Task.Name is { } given && !string.Equals(given, readBack, StringComparison.Ordinal))
            {
                Task.NameCorrected(readBack, given);
            }
        }
    }

    /// <summary>
    /// A day or time the last reply turned down ("we're closed on Sundays", "we're open from 9 to 5") is no longer
    /// held: the next answer fills it afresh, a part of the day ("in the afternoon") proposes a time again, and a
    /// question that keeps failing is asked with an example instead of turning the same time down again.
    /// </summary>
    private void ForgetTurnedDown()
    {
        // A move keeps the old booking's day or time where none is held, so only a new booking forgets.
        if (Task is not { Kind: TaskKind.Book } task || LastSaid is not { } said)
        {
            return;
        }

        if (said.EndsWith(ReceptionistDialogue.OtherDay, StringComparison.Ordinal))
        {
            task.New.Date = null;
            task.Available = false;
        }
        else if (said.EndsWith(ReceptionistDialogue.TimeInHours, StringComparison.Ordinal) || said.EndsWith(ReceptionistDialogue.LaterTime, StringComparison.Ordinal))
        {
            task.New.Time = null;
            task.New.TimeSuggested = false;
            task.Available = false;
        }
    }

    /// <summary>Everything a caller's answer can change, to tell whether a turn moved the task on.</summary>
    private string Signature() => Task is not { } t ? $"none {CallerName}" : string.Join('|',
        t.Kind, t.New.DateArgument, t.New.TimeArgument, t.New.TimeSuggested, t.Old.Id, t.Old.DateArgument, t.Old.TimeArgument, t.Name, t.Service,
        t.Available, t.Agreed, t.ChangeRequested, t.NameDisputes, t.SpellingAsked, t.FirstNameAsked, t.Confirmed, t.Identified, t.ReferenceUnknown, t.Candidates.Count);

    private void Start(TaskKind kind, Utterance heard)
    {
        Task = new AppointmentTask(kind) { Name = CallerName };
        if (kind != TaskKind.Book && LastBooked is not null && heard.Reference is null && heard.From.IsEmpty && (kind == TaskKind.Move || heard.When.IsEmpty))
        {
            // "cancel it" / "move it to friday" right after booking means that booking.
            Task.Identify(LastBooked.Id, LastBooked.Date, LastBooked.Time, confirm: false);
        }

        Task.Fill(heard);
    }

    private void Drop()
    {
        Task = null;
        Dropped = true;
    }

    private void ApplyResult(FunctionResultContent result)
    {
        if (!_calls.TryGetValue(result.CallId, out FunctionCallContent? call))
        {
            return;
        }

        var outcome = ToolOutcome.Read(result);
        AppointmentTask? task = Task;
        switch (call.Name)
        {
            case BookingTools.CheckAvailability when task is { Kind: TaskKind.Book or TaskKind.Move } && task.New.Matches(call.Arguments):
                Step = new ToolStep(call.Name, outcome, task.New.Copy(), task);
                if (task.New.Time is null)
                {
                    // A whole day asked about: the free times are offered, and the caller picks one.
                    return;
                }

                task.Available = outcome.Success;
                if (!outcome.Success)
                {
                    // Taken: offer the tool's alternative, or ask for another time on the same day.
                    task.New.Time = outcome.Alternative;
                    task.New.TimeSuggested = outcome.Alternative is not null;
                    task.Available = outcome.Alternative is not null;
                    task.Agreed = false;
                }

                return;

            case BookingTools.BookAppointment when task is { Kind: TaskKind.Book } && task.New.Matches(call.Arguments):
                Step = new ToolStep(call.Name, outcome, task.New.Copy(), task);
                if (!outcome.Success)
                {
                    Refused(task, outcome);
                    return;
                }

                LastBooked = task.New.Copy();
                LastBooked.Id = outcome.Reference;
                Task = null;
                return;

            case BookingTools.RescheduleAppointment when task is { Kind: TaskKind.Move } && task.New.Matches(call.Arguments):
                Step = new ToolStep(call.Name, outcome, task.New.Copy(), task);
                if (!outcome.Success)
                {
                    if (outcome.Error == "not_found")
                    {
                        task.Identified = false;
                        task.Old.Id = null;
                    }
                    else
                    {
                        Refused(task, outcome);
                    }

                    return;
                }

                LastBooked = task.New.Copy();
                LastBooked.Id = outcome.Reference ?? task.Old.Id;
                Task = null;
                return;

            case BookingTools.CancelAppointment when task is { Kind: TaskKind.Cancel }:
                Step = new ToolStep(call.Name, outcome, task.Old.Copy(), task);
                if (outcome.Success)
                {
                    if (LastBooked is not null && string.Equals(LastBooked.Id, task.Old.Id, StringComparison.Ordinal))
                    {
                        LastBooked = null;
                    }

                    Task = null;
                }
                else
                {
                    task.Identified = false;
                    task.Old.Id = null;
                    task.Old.Date = null;
                    task.Old.Time = null;
                }

                return;

            case BookingTools.FindBooking when task is { Kind: TaskKind.Move or TaskKind.Cancel or TaskKind.Check }:
                Step = new ToolStep(call.Name, outcome, task.Old.Copy(), task);
                task.LastLookup = LookupKey(call.Arguments);
                task.Lookups.Add(task.LastLookup);
                task.LookupFailed = false;
                FoundBooking[] found = [.. outcome.Bookings.Where(b =>
                    (task.Old.Date is null || b.Date == task.Old.Date) && (task.Old.Time is null || b.Time == task.Old.Time))];
                if (found.Length == 0 && task.Old.Date is not null)
                {
                    // The day said may be wrong; the lookup's own answer is better than none.
                    found = [.. outcome.Bookings];
                }

                if (found.Length == 1)
                {
                    task.Identify(found[0].Reference, found[0].Date, found[0].Time, confirm: task.Kind == TaskKind.Cancel);
                    task.Name ??= found[0].Name;
                    if (task.Kind == TaskKind.Check)
                    {
                        // Saying when it is finishes the check.
                        Task = null;
                    }
                }
                else if (found.Length > 1)
                {
                    task.Candidates = found;
                }
                else
                {
                    task.LookupFailed = true;
                    if (call.Arguments?.ContainsKey(BookingTools.ReferenceParameter) == true)
                    {
                        // That reference is not in the book: ask for the name instead.
                        task.Old.Id = null;
                        task.ReferenceUnknown = true;
                    }
                }

                return;

            default:
                // A stale result (the caller changed the time meanwhile): carry on with what is in progress.
                return;
        }
    }

    /// <summary>What a lookup asked for, to tell whether the same one was made already.</summary>
    public static string LookupKey(IDictionary<string, object?>? arguments) =>
        arguments is null ? "" : string.Join('|', arguments.OrderBy(a => a.Key, StringComparer.Ordinal).Select(a => $"{a.Key}:{a.Value}".ToLowerInvariant()));

    /// <summary>A booking or move refused: take the tool's alternative as a proposal, or ask for another time.</summary>
    private static void Refused(AppointmentTask task, ToolOutcome outcome)
    {
        task.New.Time = outcome.Alternative;
        task.New.TimeSuggested = outcome.Alternative is not null;
        task.Available = outcome.Alternative is not null;
        task.Agreed = false;
    }
}
