using System.Globalization;
using System.Text.RegularExpressions;
using Voxgate.Speech.Brain;

namespace Voxgate.Server.Benchmarking.Dialogues;

/// <summary>
/// The simulated caller of one script: says the script's lines in order, then answers what the receptionist asks
/// from what it wants (the expected booking) or the script's own answers, rephrasing when asked the same thing again.
/// It understands the receptionist's words by plain keywords, as a person would, and turns down a proposal that is
/// not what it wants.
/// </summary>
internal sealed partial class DialogueCaller(DialogueScript script, DateOnly today)
{
    private readonly Dictionary<string, int> _asked = new(StringComparer.Ordinal);
    private readonly ExpectedCall[] _goals = [.. script.Calls.Where(c => c.Tool != BookingTools.CancelAppointment)];
    private int _line;
    private int _afterBooking;
    private int _goal;
    private bool _bookedOnce;
    private string? _again;
    private bool _cancelled;
    private int _restated;

    /// <summary>The caller said it has nothing more; the next reply ends the call.</summary>
    public bool Finished { get; private set; }

    /// <summary>The next turn says <paramref name="line"/> again (nothing was answered).</summary>
    public void Again(string line) => _again = line;

    /// <summary>What the caller says next, given the receptionist's last reply (null before the first turn); null to hang up.</summary>
    public string? Next(string? reply)
    {
        if (_again is { } again)
        {
            _again = null;
            return again;
        }

        if (reply is not null && Cancelled().IsMatch(reply))
        {
            _cancelled = true;
        }

        if (reply is not null && Confirmed().IsMatch(reply))
        {
            // A booking or a move was made: the caller's next wish is the next one.
            _bookedOnce = true;
            _goal = Math.Min(_goal + 1, _goals.Length);
        }

        if (_line < script.Lines.Count)
        {
            return script.Lines[_line++];
        }

        if (_bookedOnce && _afterBooking < script.AfterBooking.Count)
        {
            return script.AfterBooking[_afterBooking++];
        }

        if (Finished || reply is null || Goodbye().IsMatch(reply))
        {
            return null;
        }

        string question = LastQuestion(reply);
        string heardReply = reply.ToLowerInvariant();
        CallerAnswers answers = script.Answers;
        ExpectedCall? goal = _goal < _goals.Length ? _goals[_goal] : null;
        string? Arg(string name) => goal?.Arguments.GetValueOrDefault(name);
        IReadOnlyList<string>? TimeAnswer() => answers.Time ?? (Arg("time") is { } time ? CallerPhrases.Time(ParseTime(time)) : null);
        IReadOnlyList<string>? NameAnswer()
        {
            // A caller knows their own name: the one to book under, or the one on the booking they call about.
            if (answers.Name is { } given)
            {
                return given;
            }

            if (Arg("name") is { } wanted)
            {
                return [wanted.ToLowerInvariant()];
            }

            return script.Existing.Count > 0 ? [script.Existing[0].Name.ToLowerInvariant()] : null;
        }
        IReadOnlyList<string>? DayAnswer() => answers.Day ?? (Arg("date") is { } date ? CallerPhrases.Day(ParseDate(date), today) : null);

        // "Would you like to move your appointment, cancel it, or check when it is?": the caller says which it wants.
        if (WhatToDo().IsMatch(question))
        {
            return Pick("request", Request(), answers.Done);
        }

        // What the receptionist read back is checked against what the caller wants, as a person listening would.
        if (YesNo().IsMatch(question) || Name().IsMatch(question))
        {
            if (Arg("date") is { } wantedDay && DayIn(heardReply) is { } heardDay && heardDay != ParseDate(wantedDay).DayOfWeek)
            {
                return "no " + Pick("day", DayAnswer(), answers.DontKnow);
            }

            if (Arg("time") is { } wanted && TimeIn(heardReply) is { } proposed && proposed != wanted)
            {
                return "no " + Pick("time", TimeAnswer(), answers.DontKnow);
            }

            // A name read back with its spelling ("anna clarke, spelled c l a r k e") is checked letter by letter.
            if (YesNo().IsMatch(question) && Arg("name") is { } spelledFor && WrongSpelling(heardReply, spelledFor) is { } firstName)
            {
                return $"no my name is {spelledFor.ToLowerInvariant()} {Spelling(spelledFor, firstName)}";
            }

            if (YesNo().IsMatch(question) && Arg("name") is { } name && heardReply.Contains(" for ", StringComparison.Ordinal)
                && heardReply.Contains("book", StringComparison.Ordinal) && !heardReply.Contains(name.ToLowerInvariant(), StringComparison.Ordinal))
            {
                // The second time, the surname is spelled too.
                return Pick("correct name", [$"no my name is {name.ToLowerInvariant()}", $"no my name is {name.ToLowerInvariant()} {Spelling(name)}"], "no");
            }
        }

        // A booking read back without the service asked for gets it added.
        if (YesNo().IsMatch(question) && Arg("service") is { } service && heardReply.Contains("book", StringComparison.Ordinal)
            && !heardReply.Contains(service, StringComparison.Ordinal))
        {
            return $"yes please it's for a {service}";
        }

        switch (question)
        {
            case var _ when (AnythingElse().IsMatch(question) || !question.Contains('?', StringComparison.Ordinal)) && !GoalsMet && _restated < 2 && script.Lines.Count > 0:
                // "How can I help?" before anything was done for them: a caller says what they called for again.
                _restated++;
                return script.Lines[0];
            case var _ when AnythingElse().IsMatch(question) || !question.Contains('?', StringComparison.Ordinal):
                Finished = true;
                return answers.Done;
            case var _ when Reference().IsMatch(question) && answers.Reference is null && Name().IsMatch(question) && NameAnswer() is { } instead:
                // "the reference, or the name?": a caller without the reference gives the name.
                return Pick("name", instead, answers.DontKnow);
            case var _ when Reference().IsMatch(question):
                return Pick("reference", answers.Reference, answers.DontKnow);
            case var _ when Spell().IsMatch(question) && (Arg("name") ?? NameAnswer()?[0]) is { } spelt:
                return Spelling(spelt, first: question.Contains("first name", StringComparison.Ordinal));
            case var _ when FirstNameAlone().IsMatch(question) && (Arg("name") ?? (script.Existing.Count > 0 ? script.Existing[0].Name : null)) is { } whole:
                return whole.Split(' ')[0].ToLowerInvariant();
            case var _ when Name().IsMatch(question):
                return Pick("name", NameAnswer(), answers.DontKnow);
            case var _ when NewAppointment().IsMatch(question) && !script.Calls.Any(c => c.Tool == BookingTools.BookAppointment):
                // "Would you like to make a new appointment instead?" to a caller who has one.
                return Pick("new appointment", ["no i already have an appointment", "no i have a booking already"], "no");
            case var _ when YesNo().IsMatch(question):
                return Pick("confirm", answers.Confirm, "yes");
            case var _ when TimeWord().IsMatch(question):
                return Pick("time", TimeAnswer(), answers.DontKnow);
            case var _ when DayWord().IsMatch(question):
                return Pick("day", DayAnswer(), answers.DontKnow);
            default:
                Finished = true;
                return answers.Done;
        }
    }

    /// <summary>
    /// Whether a spelling read back ("…, spelled s a r a, c l a r k") is not the caller's: null when there is none or
    /// it is right; else whether the part spelled wrong is the first name (the part it is closer to).
    /// </summary>
    private static bool? WrongSpelling(string reply, string name)
    {
        Match spelled = SpelledBack().Match(reply);
        if (!spelled.Success)
        {
            return null;
        }

        string[] parts = [.. name.ToLowerInvariant().Split(' ', StringSplitOptions.RemoveEmptyEntries)];
        foreach (string letters in spelled.Groups["letters"].Value.Split(','))
        {
            string word = letters.Replace(" ", "", StringComparison.Ordinal);
            if (word.Length > 0 && !parts.Contains(word, StringComparer.Ordinal))
            {
                return parts.Length > 1 && SpokenText.EditDistance(word, parts[0]) < SpokenText.EditDistance(word, parts[^1]);
            }
        }

        return null;
    }

    /// <summary>Something the caller called for was done: a booking made or moved, or an appointment cancelled (or it wanted none).</summary>
    private bool GoalsMet => _bookedOnce || _cancelled || script.Calls.Count == 0;

    /// <summary>What the caller wants done, in the words of someone asked to choose: the call it expects decides.</summary>
    private string[] Request()
    {
        IEnumerable<string> tools = script.Calls.Select(c => c.Tool);
        return tools.Contains(BookingTools.CancelAppointment) ? ["cancel it please", "i want to cancel it"]
            : tools.Contains(BookingTools.RescheduleAppointment) ? ["move it please", "i want to move it"]
            : tools.Contains(BookingTools.BookAppointment) ? ["a new one please", "i'd like to book a new appointment"]
            : ["when is it", "when is my appointment"];
    }

    /// <summary>The surname (or the first name) letter by letter: "c l a r k e".</summary>
    private static string Spelling(string name, bool first = false)
    {
        string[] parts = name.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        return string.Join(' ', (first ? parts[0] : parts[^1]).ToLowerInvariant().Where(char.IsAsciiLetterLower));
    }

    private string Pick(string kind, IReadOnlyList<string>? options, string fallback)
    {
        int n = _asked.GetValueOrDefault(kind);
        _asked[kind] = n + 1;
        return options is { Count: > 0 } ? options[Math.Min(n, options.Count - 1)] : fallback;
    }

    private static string LastQuestion(string reply)
    {
        int end = reply.LastIndexOf('?');
        if (end < 0)
        {
            return reply.ToLowerInvariant();
        }

        int start = reply.LastIndexOfAny(['.', '!', '?'], Math.Max(end - 1, 0));
        return Apology().Replace(reply[(start + 1)..(end + 1)].Trim().ToLowerInvariant(), "");
    }

    private static TimeOnly ParseTime(string hhmm) => TimeOnly.ParseExact(hhmm, "HH:mm", CultureInfo.InvariantCulture);

    private static DateOnly ParseDate(string date) => DateOnly.ParseExact(date, "yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>The last weekday a reply names.</summary>
    private static DayOfWeek? DayIn(string reply) =>
        WeekdayWord().Matches(reply).LastOrDefault() is { } match ? Enum.Parse<DayOfWeek>(match.Value, ignoreCase: true) : null;

    /// <summary>The time a reply proposes — the last one it names ("… is taken, but 10:30 am is free") — as HH:mm.</summary>
    private static string? TimeIn(string reply)
    {
        Match match = ClockTime().Matches(reply).LastOrDefault() ?? Match.Empty;
        if (match.Success)
        {
            int hour = int.Parse(match.Groups["h"].Value, CultureInfo.InvariantCulture) % 12 + (match.Groups["p"].Value == "pm" ? 12 : 0);
            int minute = match.Groups["m"].Success ? int.Parse(match.Groups["m"].Value, CultureInfo.InvariantCulture) : 0;
            return new TimeOnly(hour, minute).ToString("HH:mm", CultureInfo.InvariantCulture);
        }

        return reply.Contains("noon", StringComparison.Ordinal) ? "12:00" : null;
    }

    [GeneratedRegex(@"\b(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)\b")]
    private static partial Regex WeekdayWord();

    [GeneratedRegex(@"\byou're booked for\b|\bis now on\b", RegexOptions.IgnoreCase)]
    private static partial Regex Confirmed();

    [GeneratedRegex(@"\bis cancelled\b", RegexOptions.IgnoreCase)]
    private static partial Regex Cancelled();

    [GeneratedRegex(@"\bgoodbye\b", RegexOptions.IgnoreCase)]
    private static partial Regex Goodbye();

    [GeneratedRegex(@"\banything else\b|\bhow can i help\b|\bwhat can i help\b|\bwhat would you like\b")]
    private static partial Regex AnythingElse();

    [GeneratedRegex(@"\breference\b")]
    private static partial Regex Reference();

    [GeneratedRegex(@"^(?=.*\bmove\b)(?=.*\bcancel it\b)")]
    private static partial Regex WhatToDo();

    [GeneratedRegex(@"\bjust your first name\b")]
    private static partial Regex FirstNameAlone();

    [GeneratedRegex(@"\bnew appointment\b")]
    private static partial Regex NewAppointment();

    // "Sorry, shall I…?" is still a yes-or-no question.
    [GeneratedRegex(@"^(?:(?:i'm )?sorry(?: again)?|as i said|again|of course|sure|great|okay|no problem),?\s*")]
    private static partial Regex Apology();

    [GeneratedRegex(@"\bspelled (?<letters>[a-z](?: [a-z])*(?:, [a-z](?: [a-z])*)*)")]
    private static partial Regex SpelledBack();

    [GeneratedRegex(@"\bspell\b")]
    private static partial Regex Spell();

    [GeneratedRegex(@"\bname\b")]
    private static partial Regex Name();

    [GeneratedRegex(@"^(?:shall|should|would you like|do you want|is that)\b")]
    private static partial Regex YesNo();

    [GeneratedRegex(@"\btime\b")]
    private static partial Regex TimeWord();

    [GeneratedRegex(@"\bday\b|\bdate\b|\bwhen\b|\bwhich one\b")]
    private static partial Regex DayWord();

    [GeneratedRegex(@"\b(?<h>1[0-2]|[1-9])(?::(?<m>[0-5]\d))? ?(?<p>am|pm)\b")]
    private static partial Regex ClockTime();
}
