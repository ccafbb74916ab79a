using Microsoft.Extensions.AI;

namespace Voxgate.Speech.Brain;

/// <summary>
/// What the conversation so far amounts to, rebuilt from the whole message history on every call:
/// the task in progress, the last booking made, what was last said, and what happened last.
/// </summary>
internal sealed class DialogueState
{
    private readonly Dictionary<string, FunctionCallContent> _calls = new(StringComparer.Ordinal);

    public AppointmentTask? Task { get; private set; }

    /// <summary>The most recent appointment booked in this conversation, for "cancel it" or "move it".</summary>
    public Slot? LastBooked { get; private set; }

    /// <summary>The receptionist's last spoken reply, for "say that again".</summary>
    public string? LastSaid { get; private set; }

    /// <summary>The caller's latest turn, when the conversation ends with one.</summary>
    public Utterance? Heard { get; private set; }

    /// <summary>The latest tool result, when the conversation ends with one.</summary>
    public ToolStep? Step { get; private set; }

    /// <summary>The caller dropped the task in progress on their latest turn.</summary>
    public bool Dropped { get; private set; }

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
        }
        else if (message.Role == ChatRole.User)
        {
            Step = null;
            Dropped = false;
            Heard = parser.Parse(text, today);
            ApplyUtterance(Heard);
        }
    }

    private void ApplyUtterance(Utterance heard)
    {
        bool inProgress = Task is not null;
        switch (heard.Intent)
        {
            case Intent.Book when Task is { Kind: TaskKind.Book }:
                Task.Fill(heard);
                break;
            case Intent.Book:
                Start(TaskKind.Book, heard);
                break;

            // "can i change that to four" while booking changes the booking, it does not move an appointment.
            case Intent.Move when Task is { Kind: TaskKind.Book, Booked: false } or { Kind: TaskKind.Move }:
                Task.Fill(heard);
                break;
            case Intent.Move:
                Start(TaskKind.Move, heard);
                break;

            // "actually cancel that" drops the request in progress.
            case Intent.Cancel when inProgress && heard.When.IsEmpty && Task!.Kind != TaskKind.Cancel:
                Drop();
                break;
            case Intent.Cancel when Task is { Kind: TaskKind.Cancel }:
                Task.Fill(heard);
                break;
            case Intent.Cancel:
                Start(TaskKind.Cancel, heard);
                break;

            case Intent.No when inProgress && heard.When.IsEmpty && Task!.AwaitsAgreement:
                Task.New.Time = null;
                Task.New.TimeSuggested = false;
                Task.Available = false;
                break;
            case Intent.No when inProgress && heard.When.IsEmpty:
                Drop();
                break;
            case Intent.Yes when Task is { AwaitsAgreement: true }:
                Task.Agreed = true;
                break;
            case Intent.Goodbye:
                Task = null;
                break;

            // "tomorrow at three" out of the blue is someone wanting to come in.
            case Intent.None when !inProgress && !heard.When.IsEmpty:
                Start(TaskKind.Book, heard);
                break;

            // An answer to a question ("at four", "my name is sam", "no, friday") fills the task in progress.
            case Intent.None or Intent.Yes or Intent.No or Intent.Thanks or Intent.Greeting when inProgress:
                Task!.Fill(heard);
                break;
        }
    }

    private void Start(TaskKind kind, Utterance heard)
    {
        Task = new AppointmentTask(kind);
        if (kind != TaskKind.Book && LastBooked is not null && heard.From.IsEmpty && (kind == TaskKind.Move || heard.When.IsEmpty))
        {
            // "cancel it" / "move it to friday" right after booking means that booking.
            Task.Old.Date = LastBooked.Date;
            Task.Old.Time = LastBooked.Time;
            Task.Old.Id = LastBooked.Id;
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
            case BookingTools.CheckAvailability when task is not null && task.New.Matches(call.Arguments):
                Step = new ToolStep(call.Name, outcome, task.New.Copy(), task);
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

            case BookingTools.BookAppointment when task is not null && task.New.Matches(call.Arguments):
                Step = new ToolStep(call.Name, outcome, task.New.Copy(), task);
                if (!outcome.Success)
                {
                    task.New.Time = null;
                    task.Available = false;
                    return;
                }

                task.Booked = true;
                task.New.Id = outcome.Id;
                LastBooked = task.New.Copy();
                if (task.Kind == TaskKind.Book)
                {
                    Task = null;
                }

                return;

            case BookingTools.CancelAppointment when task is not null && task.Kind != TaskKind.Book && task.Old.Matches(call.Arguments):
                Step = new ToolStep(call.Name, outcome, task.Old.Copy(), task);
                if (outcome.Success || task.Kind == TaskKind.Move)
                {
                    if (outcome.Success && LastBooked is not null && LastBooked.DateArgument == task.Old.DateArgument && LastBooked.TimeArgument == task.Old.TimeArgument)
                    {
                        LastBooked = task.Kind == TaskKind.Move ? task.New.Copy() : null;
                    }

                    Task = null;
                }
                else
                {
                    task.Old.Date = null;
                    task.Old.Time = null;
                    task.Old.Id = null;
                }

                return;

            default:
                // A stale result (the caller changed the time meanwhile): carry on with what is in progress.
                return;
        }
    }
}
