namespace Voxgate.Speech.Brain;

/// <summary>What the caller wants done with appointments.</summary>
internal enum TaskKind
{
    Book,
    Move,
    Cancel,
}

/// <summary>An appointment request in progress: the slots gathered so far and the tool steps done.</summary>
internal sealed class AppointmentTask(TaskKind kind)
{
    public TaskKind Kind { get; } = kind;

    /// <summary>The time to book (book, move).</summary>
    public Slot New { get; } = new();

    /// <summary>The appointment to cancel (cancel, move).</summary>
    public Slot Old { get; } = new();

    public string? Name { get; set; }

    public string? Service { get; set; }

    /// <summary>check_availability said the new slot is free.</summary>
    public bool Available { get; set; }

    /// <summary>The caller said yes to a time the receptionist suggested.</summary>
    public bool Agreed { get; set; }

    /// <summary>book_appointment succeeded for the new slot (a move goes on to cancel the old one).</summary>
    public bool Booked { get; set; }

    /// <summary>Whether the caller has a time the receptionist suggested and is waiting for a yes or no.</summary>
    public bool AwaitsAgreement => New.TimeSuggested && Available && !Agreed;

    /// <summary>Puts the caller's words into the slot they answer: a move fills the old appointment first.</summary>
    public void Fill(Utterance utterance)
    {
        Name = utterance.Name ?? Name;
        Service = utterance.Service ?? Service;
        switch (Kind)
        {
            case TaskKind.Book:
                FillNew(utterance.When.IsEmpty ? utterance.From : utterance.When);
                if (utterance.Inquiry && New.Time is not null)
                {
                    // "is three free?" asks; book only once the caller says yes.
                    New.TimeSuggested = true;
                }

                break;
            case TaskKind.Cancel:
                Old.Merge(utterance.When, suggestTime: false);
                break;
            case TaskKind.Move when utterance.Intent == Intent.Move:
                // "move my tuesday appointment to friday at ten": the parser split old and new.
                Old.Merge(utterance.From, suggestTime: false);
                FillNew(utterance.When);
                break;
            case TaskKind.Move when !Old.IsComplete:
                Old.Merge(utterance.When, suggestTime: false);
                break;
            case TaskKind.Move:
                FillNew(utterance.When);
                break;
        }

        if (Kind == TaskKind.Move && New.Date is null && New.Time is not null && Old.Date is not null)
        {
            // "move it to four" keeps the day.
            New.Date = Old.Date;
        }
        else if (Kind == TaskKind.Move && New.Date is not null && New.Time is null && Old.Time is not null)
        {
            // "move it to friday" proposes the same time on the new day.
            New.Time = Old.Time;
            New.TimeSuggested = true;
        }
    }

    private void FillNew(SpokenDateTime when)
    {
        if (New.Merge(when))
        {
            Available = false;
            Agreed = false;
        }
    }
}
