using System.Text.RegularExpressions;

namespace Voxgate.Speech.Brain;

/// <summary>
/// Turns a caller's words into an <see cref="Utterance"/> with an ordered table of keyword rules: the first rule
/// that matches wins, so specific asks ("cancel") sit above general ones ("appointment"). What the receptionist
/// just asked (<see cref="QuestionKind"/>) decides how a bare answer is read: "mind" is nine after "what time?",
/// "sam lee" is a name after "your name?", eleven digits are a reference after "your reference?".
/// </summary>
internal sealed partial class IntentParser(IReadOnlyList<string> services)
{
    // The words of the services offered are nobody's name: "yes it's for a vaccination" names a service.
    private readonly HashSet<string> _serviceWords = new(services.SelectMany(s => s.ToLowerInvariant().Split(' ', StringSplitOptions.RemoveEmptyEntries)), StringComparer.Ordinal);

    private static readonly (Intent Intent, Regex Pattern)[] Rules =
    [
        (Intent.Move, MoveRule()),
        (Intent.Cancel, CancelRule()),
        (Intent.Check, CheckRule()),
        (Intent.OpeningHours, HoursRule()),
        (Intent.Book, BookRule()),
        (Intent.AskTime, TimeRule()),
        (Intent.AskDate, DateRule()),
        (Intent.Goodbye, GoodbyeRule()),
        (Intent.Repeat, RepeatRule()),
        (Intent.HowAreYou, HowAreYouRule()),
        (Intent.Thanks, ThanksRule()),
        (Intent.Greeting, GreetingRule()),
        (Intent.No, NoRule()),
        (Intent.Yes, YesRule()),
    ];

    private static readonly HashSet<string> NotNames = new(StringComparer.Ordinal)
    {
        "and", "at", "on", "for", "to", "please", "i", "i'd", "i'm", "would", "tomorrow", "today", "next", "this", "the",
        "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "calling", "looking", "here",
        "thanks", "thank", "a", "an", "book", "booking", "appointment", "just", "so", "can", "could", "yes", "no", "yeah",
        "sure", "okay", "ok", "it", "it's", "is", "my", "name", "name's", "um", "uh", "er", "erm", "hi", "hello", "sorry",
        "the", "under", "of", "that", "that's", "right", "correct", "not", "don't", "know", "have", "got", "you", "me",
        "what", "why", "how", "who", "when", "where", "we", "our", "your", "in", "clinic", "salon", "doctor", "nurse", "well",
        "actually", "again", "then", "fine", "good", "great", "perfect", "lovely", "call", "calling", "ringing", "phone",
        "number", "reference", "was", "wanted", "want", "need", "like", "free", "available", "about", "around", "morning",
        "afternoon", "evening", "noon", "o'clock", "half", "past", "quarter", "am", "pm", "mister", "missus", "miss", "mrs", "mr",
        "ms", "dr", "be", "do", "did", "does", "will", "if", "or", "all", "any", "some", "one", "ones", "time", "day", "date",
        "change", "wrong", "instead", "book", "cancel", "move",

        // What the recogniser makes of a spelled letter or a mumble ("he had w s l n" for "d a w s o n").
        "he", "she", "had", "his", "her", "if",
    };

    // Words a name answer may start with that are no part of the name.
    private static readonly HashSet<string> LeadIns = new(StringComparer.Ordinal) { "so", "um", "uh", "er", "erm", "oh", "well", "yes", "yeah", "sure", "it's", "its" };

    private static readonly HashSet<string> Titles = new(StringComparer.Ordinal) { "mister", "missus", "miss", "mr", "mrs", "ms", "dr", "doctor" };

    /// <summary>Parses one turn with no question pending.</summary>
    public Utterance Parse(string text, DateOnly today) => Parse(text, today, QuestionKind.None, timeMissing: false);

    /// <summary>Parses one turn as the answer to <paramref name="asked"/>.</summary>
    /// <param name="text">What the recogniser heard (or the caller typed).</param>
    /// <param name="today">The business's date, for "tomorrow" and weekdays.</param>
    /// <param name="asked">What the receptionist's last reply asked for.</param>
    /// <param name="timeMissing">A booking in progress still lacks a time, so an hour-like word probably is one.</param>
    public Utterance Parse(string text, DateOnly today, QuestionKind asked, bool timeMissing)
    {
        string normalized = SpokenText.Normalize(text);
        if (asked == QuestionKind.YesNo && normalized.StartsWith("now ", StringComparison.Ordinal))
        {
            // "no, my name is…" is often heard as "now my name is…" right after a yes-or-no question.
            normalized = string.Concat("no", normalized.AsSpan(3));
        }
        else if (asked == QuestionKind.YesNo && MisheardYes().Match(normalized) is { Success: true } yes)
        {
            // A short "yes" without its y (flite's awb voice) is heard as "us" or the letters "u s".
            normalized = string.Concat("yes", normalized.AsSpan(yes.Length));
        }

        if (asked == QuestionKind.Name)
        {
            normalized = NearMisses.RepairSpelling(normalized);
        }

        bool timeExpected = asked == QuestionKind.Time || (timeMissing && asked is QuestionKind.None or QuestionKind.Day or QuestionKind.YesNo);
        string repaired = NearMisses.Repair(normalized, timeExpected);

        string? reference = BookingReference.Read(repaired, expected: asked == QuestionKind.Reference);
        bool partialReference = reference is null && BookingReference.Partial(repaired, expected: asked == QuestionKind.Reference);

        // A reference's or a phone number's digits are not a date or a time.
        string? phone = ReadPhone(repaired);
        string forDates = reference is not null || partialReference ? ReferenceSpan().Replace(repaired, " ") : repaired;
        forDates = phone is not null ? PhoneRule().Replace(forDates, " ") : forDates;
        bool correction = CorrectionRule().IsMatch(forDates);

        // "no, not three, four" and "instead of tuesday": the rejected value is not the one meant.
        string meant = Rejected().Replace(forDates, " ");

        Intent intent = Intent.None;
        foreach ((Intent candidate, Regex pattern) in Rules)
        {
            if (pattern.IsMatch(forDates))
            {
                intent = candidate;
                break;
            }
        }

        // A name heard with a number in it ("nine in patel" for "nina patel") names no time; "no, not three, four" does.
        SpokenDateTime when = SpokenDateTimeParser.ParseNormalized(meant, today, bareHour: asked != QuestionKind.Name || correction);
        if (when.IsEmpty && (correction || asked is QuestionKind.Time or QuestionKind.YesNo) && CorrectedValue().Match(meant) is { Success: true } value)
        {
            // "actually make that ten instead": the bare number after the cue is the new time.
            when = SpokenDateTimeParser.ParseNormalized(value.Groups["value"].Value, today);
        }

        // "i need to fast for my appointment": the booking is the caller's own, but what they want done with it was not
        // heard, and "appointment" alone must not start a new one. "no, I already have an appointment" says no.
        if (intent == Intent.Book && when.IsEmpty && MyBooking().IsMatch(forDates) && !BookRule().IsMatch(MyBooking().Replace(forDates, " "))
            && ReadService(forDates) is null)
        {
            intent = NoRule().IsMatch(forDates) ? Intent.No : Intent.AboutBooking;
        }

        // The answer to "move it, cancel it, or check when it is?" may be just "check it" or "a new one".
        if (asked == QuestionKind.Request && intent is Intent.None or Intent.AboutBooking)
        {
            intent = CheckAnswer().IsMatch(forDates) ? Intent.Check : NewAnswer().IsMatch(forDates) ? Intent.Book : intent;
        }

        SpokenDateTime from = default;
        if (intent == Intent.Move)
        {
            (from, when) = SplitMove(meant, today, when);
        }

        // "sorry, four o'clock" corrects a time; "no, friday" answers a question; neither asks for a repeat or says no.
        if (intent is Intent.Repeat or Intent.No && !when.IsEmpty)
        {
            correction |= intent == Intent.No;
            intent = Intent.None;
        }

        // "make that ten instead" is no request to move an appointment when it changes the one being booked;
        // the dialogue decides, so only a plain "change" keeps the move.
        if (intent == Intent.Move && correction && !MoveRule().IsMatch(Rejected().Replace(CorrectionVerbs().Replace(forDates, " "), " ")))
        {
            intent = Intent.None;
        }

        bool doesNotKnow = DoesNotKnowRule().IsMatch(forDates);
        if (doesNotKnow && intent is Intent.Repeat or Intent.Yes or Intent.Greeting)
        {
            // "sorry, I don't know it" answers the question.
            intent = Intent.None;
        }

        // After "your reference?" a caller without one may give the name instead.
        bool nameAsked = asked == QuestionKind.Name || (asked == QuestionKind.Reference && !partialReference);
        Match letters = Spelling().Match(forDates);
        string? spelled = letters.Success ? letters.Value.Replace(" ", "", StringComparison.Ordinal) : null;
        if (spelled is not null && !spelled.Any(c => c is 'a' or 'e' or 'i' or 'o' or 'u' or 'y'))
        {
            // "w s l n" for "d a w s o n": letters without a vowel spell nobody's name, so the spelling is asked again.
            spelled = null;
        }

        // The letters are no part of a name said around them: "m o r g a n yeah" spells, it names nobody.
        string forName = letters.Success ? string.Join(' ', forDates.Remove(letters.Index, letters.Length).Split(' ', StringSplitOptions.RemoveEmptyEntries)) : forDates;
        string? name = ReadName(forName, nameAsked && reference is null && !doesNotKnow);
        if (name is not null && spelled is not null)
        {
            name = SpokenText.Respell(name, spelled);
        }

        if (intent == Intent.Repeat && (name is not null || reference is not null))
        {
            intent = Intent.None;
        }

        return new Utterance(intent, when, from, name, ReadService(forDates), InquiryRule().IsMatch(forDates))
        {
            Reference = reference,
            PartialReference = partialReference,
            Phone = phone,
            Correction = correction && !when.IsEmpty,
            Spelled = spelled,
            DoesNotKnow = doesNotKnow,
        };
    }

    /// <summary>Splits "move my tuesday three o'clock to friday at ten" into the old and the new time.</summary>
    private static (SpokenDateTime From, SpokenDateTime To) SplitMove(string text, DateOnly today, SpokenDateTime whole)
    {
        foreach (Match to in ToWord().Matches(text).Reverse())
        {
            SpokenDateTime after = SpokenDateTimeParser.ParseNormalized(text[(to.Index + to.Length)..], today);
            if (!after.IsEmpty)
            {
                return (SpokenDateTimeParser.ParseNormalized(text[..to.Index], today), after);
            }
        }

        // No "to": what was said names the appointment to move.
        return (whole, default);
    }

    /// <summary>"my name is sam lee", or — when the name was asked for — the answer itself ("sam lee", "it's sam").</summary>
    private string? ReadName(string text, bool asked)
    {
        // A number where a first name should be is the recogniser's guess at it ("nine in patel" for "nina patel"): the
        // rest may still hold the surname, and a surname read back is something the caller can correct.
        text = NumberForFirstName().Replace(text, "");
        Match match = NameRule().Match(text);
        string? words = match.Success ? match.Groups["name"].Value : null;
        if (words is null && asked)
        {
            Match answer = NameAnswer().Match(text);
            words = answer.Success ? answer.Groups["name"].Value : null;
        }

        if (words is null)
        {
            return null;
        }

        // Spelled letters after the name ("smith s m i t h"), a title before it and fillers ("so", "um") are not part of it.
        List<string> parts = [.. words.Split(' ', StringSplitOptions.RemoveEmptyEntries).Where(w => w.Length > 1 || w == "o")];
        while (parts.Count > 1 && (Titles.Contains(parts[0]) || LeadIns.Contains(parts[0])))
        {
            parts.RemoveAt(0);
        }

        var name = new List<string>(2);
        foreach (string part in parts)
        {
            if (NotNames.Contains(part) || _serviceWords.Contains(part) || char.IsAsciiDigit(part[0]) || name.Count == 2)
            {
                break;
            }

            name.Add(part);
        }

        return name.Count == 0 ? null : SpokenText.TitleCase(string.Join(' ', name));
    }

    private static string? ReadPhone(string text)
    {
        Match match = PhoneRule().Match(text);
        if (!match.Success)
        {
            return null;
        }

        string digits = string.Concat(match.Groups["digits"].Value.Split(' ').Select(w => w is "oh" or "o" ? "0" : w));
        return digits.Length is >= 7 and <= 15 && digits.All(char.IsAsciiDigit) ? digits : null;
    }

    /// <summary>The service named, as the list spells it first: "hair cut" and "haircut" are both "haircut" when that comes first.</summary>
    private string? ReadService(string text)
    {
        foreach (string service in services)
        {
            // Spaces inside the name are optional, so "check up" and "checkup" are one service.
            string pattern = string.Join(" ?", service.ToLowerInvariant().Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(Regex.Escape));
            if (Regex.IsMatch(text, $@"\b{pattern}s?\b", RegexOptions.None, TimeSpan.FromSeconds(1)))
            {
                return services.FirstOrDefault(s => string.Equals(s.Replace(" ", "", StringComparison.Ordinal), service.Replace(" ", "", StringComparison.Ordinal), StringComparison.OrdinalIgnoreCase)) ?? service;
            }
        }

        return null;
    }

    [GeneratedRegex(@"\b(?:move|moving|reschedule|rescheduling|re schedule|change|changing|shift|postpone|push (?:it )?back|bring (?:it )?forward|rebook (?:my|the|it|that)|rearrange)\b")]
    private static partial Regex MoveRule();

    [GeneratedRegex(@"\b(?:make (?:it|that)|change (?:it|that) to|instead)\b")]
    private static partial Regex CorrectionVerbs();

    [GeneratedRegex(@"\b(?:cancel|cancell?ing|cancell?ation|call off|can't make it|cannot make it|can't come|won't make it|won't be able to make it)\b")]
    private static partial Regex CancelRule();

    [GeneratedRegex(@"\bwhen is my (?:appointment|booking)\b|\bwhat time is my (?:appointment|booking)\b|\b(?:check|look up|find|confirm) my (?:appointment|booking)\b|\bdo i have an appointment\b|\bforgot when my\b")]
    private static partial Regex CheckRule();

    [GeneratedRegex(@"\b(?:opening hours|opening times|hours|are you open|you open|do you open|when (?:do|are) you|what time do you|close|closing|closed|open on|open today|open tomorrow|how late|how early)\b")]
    private static partial Regex HoursRule();

    [GeneratedRegex(@"\b(?:book|booking|appointment|appointments|schedule|reserve|make an|set up|come in|see (?:the|a) (?:doctor|nurse)|slot|slots|available|availability|free|openings?|any time|sign up|fit me in)\b")]
    private static partial Regex BookRule();

    [GeneratedRegex(@"\bmy (?:appointment|booking)s?\b|\b(?:i (?:already )?have|i've (?:already )?got|i already got) (?:an?|one|my) (?:appointment|booking)(?: already)?\b")]
    private static partial Regex MyBooking();

    [GeneratedRegex(@"\b(?:check|when|what time|look (?:it )?up|find)\b")]
    private static partial Regex CheckAnswer();

    [GeneratedRegex(@"\b(?:new|another|make|book)\b")]
    private static partial Regex NewAnswer();

    [GeneratedRegex(@"\b(?:is there anything|have you got anything|do you have (?:anything|any|a |something)|any (?:openings?|slots?|availability)|(?:is|are) (?:you |it |that |there )?(?:still )?(?:free|available)|availability)\b")]
    private static partial Regex InquiryRule();

    [GeneratedRegex(@"\bwhat time is it\b|\bwhat's the time\b|\bwhats the time\b|\bwhat is the time\b|\bwhat time it is\b|\btell me the time\b|\bcurrent time\b|\bthe time now\b")]
    private static partial Regex TimeRule();

    [GeneratedRegex(@"\bwhat(?:'s| is)? (?:the |today's )?date\b|\bwhats the date\b|\bwhat day is (?:it|today)\b|\bwhich day is (?:it|today)\b|\bwhat(?:'s| is) today\b|\btoday's date\b|\bwhat day it is\b")]
    private static partial Regex DateRule();

    [GeneratedRegex(@"\b(?:bye|goodbye|good bye|bye bye|that's all|that is all|thats all|that's it thanks|that will be all|nothing else|no thanks|no thank you|have a (?:good|nice|great) day|i'm done|we're done|that's everything)\b")]
    private static partial Regex GoodbyeRule();

    // A bare "sorry" asks for a repeat; "sorry, it's sam" or "sorry I meant four" does not.
    [GeneratedRegex(@"^(?:sorry|pardon|what|sorry what|pardon me|excuse me)$|\b(?:pardon|repeat|say (?:that|it) again|come again|what did you say|what was that|didn't (?:catch|hear|get) (?:that|it|you)|did not (?:catch|hear) (?:that|it|you)|once more|missed that)\b")]
    private static partial Regex RepeatRule();

    [GeneratedRegex(@"\bhow are you\b|\bhow's it going\b|\bhow are things\b")]
    private static partial Regex HowAreYouRule();

    [GeneratedRegex(@"\b(?:thanks|thank you|cheers|appreciate it)\b")]
    private static partial Regex ThanksRule();

    [GeneratedRegex(@"^(?:hello|hi|hey|hiya|howdy|good morning|good afternoon|good evening|greetings|morning)\b")]
    private static partial Regex GreetingRule();

    [GeneratedRegex(@"^(?:us|u s)(?= |$)")]
    private static partial Regex MisheardYes();

    [GeneratedRegex(@"^(?:no|nope|nah|not really|don't)\b|\b(?:never mind|nevermind|forget it|don't bother|leave it)\b")]
    private static partial Regex NoRule();

    [GeneratedRegex(@"^(?:yes|yeah|yep|yup|sure|ok|okay|please do|please|that's fine|that works|sounds good|correct|right|that's right|go ahead|perfect|great|fine|alright|all right|lovely|brilliant|absolutely|definitely|of course)\b|\b(?:that would be great|that works|that's fine|sounds good|go ahead|yes please|book it)\b")]
    private static partial Regex YesRule();

    [GeneratedRegex(@"^(?:actually|sorry|oh sorry|wait|no|oh no|hang on|on second thoughts?)\b|\b(?:instead|i meant|i mean|make (?:it|that)|change (?:it|that) to|rather|i said|not)\b")]
    private static partial Regex CorrectionRule();

    // Three or more single letters in a row spell a word; the s of "it's c l a r k" is not one of them.
    [GeneratedRegex(@"(?<!')\b[a-z](?: [a-z]){2,}\b")]
    private static partial Regex Spelling();

    // What follows a correction's cue: "make that [10 instead]", "how about [4]", "can we do [11] instead".
    [GeneratedRegex(@"\b(?:make (?:it|that)|change (?:it|that) to|i meant|i said|how about|what about|can we do|could we do|can i have|could i have|let's do|let's say|rather|instead of \S+ (?:can i have )?)\s+(?<value>.+)$")]
    private static partial Regex CorrectedValue();

    // What is rejected in a correction: "not 3", "not on tuesday", "instead of 10 30".
    [GeneratedRegex(@"\b(?:not|instead of) (?:at |on |the )?(?:\d{1,2}(?: \d{2})?(?: ?(?:am|pm|o'clock))?|half past \d{1,2}|quarter (?:past|to) \d{1,2}|noon|midday|today|tomorrow|(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)s?|(?:the )?\d{1,2}(?:st|nd|rd|th))\b")]
    private static partial Regex Rejected();

    [GeneratedRegex(@"\b(?:i )?(?:don't|do not|dont) (?:know|have|remember)\b|\bno idea\b|\bnot sure\b|\bcan't remember\b|\bi haven't got\b|\bi've lost\b")]
    private static partial Regex DoesNotKnowRule();

    // "to" before a date or time ("to friday", "to 4"), not "i'd like to move".
    [GeneratedRegex(@"\bto (?=today|tomorrow|tonight|the |next |this |on |at |noon|midday|half|quarter|morning|afternoon|evening|monday|tuesday|wednesday|thursday|friday|saturday|sunday|january|february|march|april|may|june|july|august|september|october|november|december|\d)")]
    private static partial Regex ToWord();

    [GeneratedRegex(@"\b(?:my name is|my name's|name is|the name's|under the name|under the name of|this is|it's for|put it under|it's under|booked under|call me|surname is) (?<name>[a-z'-]+(?: [a-z'-]+){0,6})")]
    private static partial Regex NameRule();

    // The whole answer to "what's your name?", after a lead-in: "sam lee", "it's sam lee please", "yes it's sam".
    [GeneratedRegex(@"^(?:(?:yes|yeah|sure|ok|okay|um|uh|er|erm|oh|hi|hello|it's|it is|that's|that is|its|for|the|name|please|i'm|i am|so|well) )*(?<name>[a-z'-]+(?: [a-z'-]+){0,12})$")]
    private static partial Regex NameAnswer();

    [GeneratedRegex(@"(?<=(?:^|\bname is |\bname's )(?:(?:yes|yeah|it's|it is|so|um|uh|er|oh|well) )*)\d{1,2} (?:(?:in|and|an?|the) )?(?=[a-z])")]
    private static partial Regex NumberForFirstName();

    [GeneratedRegex(@"\b(?:number is|number's|reach me on|call me on|mobile is|phone is|it's) (?<digits>(?:(?:\d+|oh|o) ?){7,15})")]
    private static partial Regex PhoneRule();

    // A reference's letters and digits, to keep them out of the date and time parsing.
    [GeneratedRegex(@"\b(?:g ?b|gee bee|g d|g p|g v|jeep|cheap)\b.*$|(?:\b(?:\d+|oh|double|dash)\b ?){4,}")]
    private static partial Regex ReferenceSpan();
}
