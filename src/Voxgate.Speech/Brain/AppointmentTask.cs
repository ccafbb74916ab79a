namespace Voxgate.Speech.Brain;

/// <summary>What the caller wants done with appointments.</summary>
internal enum TaskKind
{
    Book,
    Move,
    Cancel,

    /// <summary>Find a booking and say when it is.</summary>
    Check,
}

/// <summary>
/// An appointment request in progress: what has been gathered so far (the new time, the booking it is about, the
/// caller's name) and how far it has got (checked, agreed, identified, confirmed, booked).
/// </summary>
internal sealed class AppointmentTask(TaskKind kind)
{
    public TaskKind Kind { get; } = kind;

    /// <summary>The time to book (book, move).</summary>
    public Slot New { get; } = new();

    /// <summary>The existing booking (move, cancel, check): the date and time said or found, and its reference as <see cref="Slot.Id"/>.</summary>
    public Slot Old { get; } = new();

    /// <summary><see cref="Old"/> is a booking the book knows (found by a lookup, or made earlier in this call).</summary>
    public bool Identified { get; set; }

    /// <summary>The caller has to say yes before the booking is changed (it was found by a lookup, not just made).</summary>
    public bool NeedsConfirmation { get; set; }

    /// <summary>The caller said yes to "shall I cancel it?".</summary>
    public bool Confirmed { get; set; }

    /// <summary>The caller said they do not have the booking reference.</summary>
    public bool ReferenceUnknown { get; set; }

    /// <summary>The lookups made so far ("reference:…", "name:…"), so none is repeated.</summary>
    public HashSet<string> Lookups { get; } = new(StringComparer.Ordinal);

    /// <summary>The latest of <see cref="Lookups"/>.</summary>
    public string? LastLookup { get; set; }

    /// <summary>The last lookup found nothing.</summary>
    public bool LookupFailed { get; set; }

    /// <summary>Several bookings matched; the caller is to say which.</summary>
    public IReadOnlyList<FoundBooking> Candidates { get; set; } = [];

    public string? Name { get; set; }

    public string? Service { get; set; }

    public string? Phone { get; set; }

    /// <summary>check_availability said the new slot is free.</summary>
    public bool Available { get; set; }

    /// <summary>The caller said yes to booking (or moving to) the new slot as the receptionist read it back.</summary>
    public bool Agreed { get; set; }

    /// <summary>The caller said no to the slot read back, without saying what is wrong.</summary>
    public bool ChangeRequested { get; set; }

    /// <summary>
    /// How often the caller said the name read back was wrong while the recogniser heard the same name again. The
    /// first time the surname is spelled, after that the first name.
    /// </summary>
    public int NameDisputes { get; set; }

    /// <summary>A spelling was asked for and has not come yet.</summary>
    public bool SpellingAsked { get; set; }

    /// <summary>The spelling asked for is the first name's (else the surname's).</summary>
    public bool SpellingFirstName { get; set; }

    /// <summary>
    /// The caller is to say the first name on its own: a name heard alone is heard better than inside "my name is…"
    /// ("sarah" alone, where "sarah jones" was "so jones"). One word answers it; a whole name replaces the name.
    /// </summary>
    public bool FirstNameAsked { get; set; }

    /// <summary>The first name was asked for on its own once; if it is still wrong, it is spelled.</summary>
    public bool FirstNameAloneTried { get; set; }

    /// <summary>How often the caller gave the first name again after it was read back wrong.</summary>
    public int FirstNameCorrections { get; private set; }

    /// <summary>How often the caller gave the surname again after it was read back wrong.</summary>
    public int SurnameCorrections { get; private set; }

    /// <summary>
    /// The caller turned down <paramref name="readBack"/> and gave <paramref name="given"/>, which the recogniser heard
    /// differently. A part heard differently twice is asked for letter by letter: hearing it again would only guess
    /// again ("sarah" heard as "said", then "simon").
    /// </summary>
    public void NameCorrected(string readBack, string given)
    {
        string[] before = readBack.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        string[] after = given.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (before.Length == 0 || after.Length == 0)
        {
            return;
        }

        if (!string.Equals(before[0], after[0], StringComparison.OrdinalIgnoreCase))
        {
            FirstNameCorrections++;
        }

        if (before.Length > 1 && after.Length > 1 && !string.Equals(before[^1], after[^1], StringComparison.OrdinalIgnoreCase))
        {
            SurnameCorrections++;
        }

        if (FirstNameCorrections >= 2)
        {
            FirstNameCorrections = 0;
            DoubtFirstName();
        }
        else if (SurnameCorrections >= 2)
        {
            SurnameCorrections = 0;
            DoubtSurname();
        }
    }

    /// <summary>The surname is the part in doubt: it is spelled.</summary>
    public void DoubtSurname()
    {
        SpellingFirstName = false;
        SpellingAsked = true;
    }

    /// <summary>The first name is the part in doubt: it is asked for on its own the first time, then spelled.</summary>
    public void DoubtFirstName()
    {
        if (!FirstNameAloneTried)
        {
            FirstNameAsked = true;
            FirstNameAloneTried = true;
            SpellingAsked = false;
            return;
        }

        SpellingFirstName = true;
        SpellingAsked = true;
    }

    /// <summary>Puts the caller's words into the slots they answer.</summary>
    public void Fill(Utterance utterance)
    {
        string? given = utterance.Name;
        bool oneWord = given?.Contains(' ', StringComparison.Ordinal) == false;

        // "Could you say just your first name?" — "sarah" keeps the surname heard before. (The same whole name again
        // is the turn that put the first name in doubt, not an answer.)
        if (FirstNameAsked && given is not null && (oneWord || !string.Equals(given, Name, StringComparison.Ordinal)))
        {
            FirstNameAsked = false;
            if (oneWord && Name is { } before && before.IndexOf(' ', StringComparison.Ordinal) is > 0 and int space)
            {
                given = string.Concat(given, before.AsSpan(space));
            }
        }

        if (given is { } name && !string.Equals(name, Name, StringComparison.Ordinal))
        {
            // A booking is read back with the name it is made under, so a new name needs a new yes.
            Name = name;
            Agreed = false;
            ChangeRequested = false;
            SpellingAsked = false;
        }

        if (utterance.Spelled is { } spelled && Name is not null && utterance.Name is null)
        {
            // Only letters: they spell the part asked for. Even when it was right already, the caller answered, so the
            // booking is read back again; a further "no" then moves on to the other part.
            // Letters nobody asked for ("no, it's c l a r k") replace the part they are closest to.
            Name = SpokenText.Respell(Name, spelled, SpellingAsked ? SpellingFirstName : null);
            Agreed = false;
            SpellingAsked = false;
        }

        Service = utterance.Service ?? Service;
        Phone = utterance.Phone ?? Phone;
        if (utterance.Reference is { } reference && !string.Equals(reference, Old.Id, StringComparison.Ordinal) && Kind != TaskKind.Book)
        {
            // A new reference replaces whatever was being looked up.
            Old.Id = reference;
            Identified = false;
            Candidates = [];
            LookupFailed = false;
        }

        switch (Kind)
        {
            case TaskKind.Book:
                FillNew(utterance.When.IsEmpty ? utterance.From : utterance.When);
                if (utterance.Inquiry && New.Time is not null && !utterance.Correction)
                {
                    // "is three free?" asks; book only once the caller says yes.
                    New.TimeSuggested = true;
                }

                break;
            case TaskKind.Cancel or TaskKind.Check:
                FilterBooking(utterance.When);
                break;
            case TaskKind.Move when utterance.Intent == Intent.Move:
                // "move my tuesday appointment to friday at ten": the parser split old and new.
                FilterBooking(utterance.From);
                FillNew(utterance.When);
                break;
            case TaskKind.Move when Candidates.Count > 1:
                FilterBooking(utterance.When);
                break;
            case TaskKind.Move:
                FillNew(utterance.When);
                break;
        }

        KeepOldDayOrTime();
    }

    /// <summary>Starts from a booking already known (made earlier in this call).</summary>
    public void Identify(string? reference, DateOnly? date, TimeOnly? time, bool confirm)
    {
        Old.Id = reference;
        Old.Date = date;
        Old.Time = time;
        Identified = true;
        NeedsConfirmation = confirm;
        Candidates = [];
        LookupFailed = false;
        KeepOldDayOrTime();
    }

    /// <summary>The booking, once the caller has picked one of several: by day, time or both.</summary>
    public void FilterBooking(SpokenDateTime when)
    {
        if (Candidates.Count > 1 && !when.IsEmpty)
        {
            FoundBooking[] matching = [.. Candidates.Where(b => (when.Date is null || b.Date == when.Date) && (when.Time is null || b.Time == when.Time))];
            if (matching.Length == 1)
            {
                Identify(matching[0].Reference, matching[0].Date, matching[0].Time, confirm: Kind == TaskKind.Cancel);
                return;
            }
        }

        if (!Identified)
        {
            Old.Merge(when, suggestTime: false, keepId: true);
        }
    }

    private void FillNew(SpokenDateTime when)
    {
        if (New.Merge(when))
        {
            Available = false;
            Agreed = false;
            ChangeRequested = false;
        }
        else if (!when.IsEmpty)
        {
            // "What should I change?" answered with the day or time already held: nothing to change there, so the
            // booking is read back again instead of the same question.
            ChangeRequested = false;
        }
    }

    /// <summary>A move keeps what the caller did not change: "move it to four" keeps the day, "move it to friday" proposes the same time.</summary>
    private void KeepOldDayOrTime()
    {
        if (Kind != TaskKind.Move || !Identified)
        {
            return;
        }

        if (New.Date is null && New.Time is not null && Old.Date is not null)
        {
            New.Date = Old.Date;
        }
        else if (New.Date is not null && New.Time is null && Old.Time is not null)
        {
            New.Time = Old.Time;
            New.TimeSuggested = true;
        }
    }
}
