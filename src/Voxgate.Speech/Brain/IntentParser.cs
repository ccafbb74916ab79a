using System.Text.RegularExpressions;

namespace Voxgate.Speech.Brain;

/// <summary>
/// Turns a caller's words into an <see cref="Utterance"/> with an ordered table of keyword rules:
/// the first rule that matches wins, so specific asks ("cancel") sit above general ones ("appointment").
/// </summary>
internal sealed partial class IntentParser(IReadOnlyList<string> services)
{
    private static readonly (Intent Intent, Regex Pattern)[] Rules =
    [
        (Intent.Move, MoveRule()),
        (Intent.Cancel, CancelRule()),
        (Intent.OpeningHours, HoursRule()),
        (Intent.Book, BookRule()),
        (Intent.AskTime, TimeRule()),
        (Intent.AskDate, DateRule()),
        (Intent.Goodbye, GoodbyeRule()),
        (Intent.Repeat, RepeatRule()),
        (Intent.Thanks, ThanksRule()),
        (Intent.Greeting, GreetingRule()),
        (Intent.No, NoRule()),
        (Intent.Yes, YesRule()),
    ];

    private static readonly HashSet<string> NotNames = new(StringComparer.Ordinal)
    {
        "and", "at", "on", "for", "to", "please", "i", "i'd", "i'm", "would", "tomorrow", "today", "next", "this", "the",
        "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "calling", "looking", "here",
        "thanks", "thank", "a", "an", "book", "booking", "appointment", "just", "so", "can", "could",
    };

    public Utterance Parse(string text, DateOnly today)
    {
        string normalized = SpokenText.Normalize(text);
        Intent intent = Intent.None;
        foreach ((Intent candidate, Regex pattern) in Rules)
        {
            if (pattern.IsMatch(normalized))
            {
                intent = candidate;
                break;
            }
        }

        SpokenDateTime when = SpokenDateTimeParser.ParseNormalized(normalized, today);
        SpokenDateTime from = default;
        if (intent == Intent.Move)
        {
            (from, when) = SplitMove(normalized, today, when);
        }

        // "sorry, four o'clock" corrects a time; it does not ask for a repeat.
        if (intent == Intent.Repeat && !when.IsEmpty)
        {
            intent = Intent.None;
        }

        return new Utterance(intent, when, from, ReadName(normalized), ReadService(normalized), InquiryRule().IsMatch(normalized));
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

    private static string? ReadName(string text)
    {
        Match match = NameRule().Match(text);
        if (!match.Success)
        {
            return null;
        }

        string[] words = match.Groups["name"].Value.Split(' ');
        if (NotNames.Contains(words[0]) || char.IsAsciiDigit(words[0][0]))
        {
            return null;
        }

        string name = words.Length > 1 && !NotNames.Contains(words[1]) && !char.IsAsciiDigit(words[1][0]) ? $"{words[0]} {words[1]}" : words[0];
        return SpokenText.TitleCase(name);
    }

    private string? ReadService(string text)
    {
        foreach (string service in services)
        {
            if (Regex.IsMatch(text, $@"\b{Regex.Escape(service.ToLowerInvariant())}s?\b", RegexOptions.None, TimeSpan.FromSeconds(1)))
            {
                return service;
            }
        }

        return null;
    }

    [GeneratedRegex(@"\b(?:move|moving|reschedule|rescheduling|re schedule|change|changing|shift|postpone|push back|bring forward|rebook)\b")]
    private static partial Regex MoveRule();

    [GeneratedRegex(@"\b(?:cancel|cancell?ing|cancell?ation|call off|can't make it|cannot make it|can't come|won't make it)\b")]
    private static partial Regex CancelRule();

    [GeneratedRegex(@"\b(?:opening hours|opening times|hours|are you open|you open|do you open|when (?:do|are) you|what time do you|close|closing|closed|open on|open today|open tomorrow)\b")]
    private static partial Regex HoursRule();

    [GeneratedRegex(@"\b(?:book|booking|appointment|appointments|schedule|reserve|make an|set up|come in|see (?:the|a) doctor|slot|slots|available|availability|free|openings?|any time|sign up)\b")]
    private static partial Regex BookRule();

    [GeneratedRegex(@"\b(?:is there anything|have you got anything|do you have (?:anything|any|a )|any (?:openings?|slots?|availability)|(?:is|are) (?:you |it |that |there )?(?:free|available)|availability)\b")]
    private static partial Regex InquiryRule();

    [GeneratedRegex(@"\bwhat time is it\b|\bwhat's the time\b|\bwhats the time\b|\bwhat is the time\b|\bwhat time it is\b|\btell me the time\b|\bcurrent time\b|\bthe time now\b")]
    private static partial Regex TimeRule();

    [GeneratedRegex(@"\bwhat(?:'s| is)? (?:the |today's )?date\b|\bwhats the date\b|\bwhat day is (?:it|today)\b|\bwhich day is (?:it|today)\b|\bwhat(?:'s| is) today\b|\btoday's date\b|\bwhat day it is\b")]
    private static partial Regex DateRule();

    [GeneratedRegex(@"\b(?:bye|goodbye|good bye|bye bye|that's all|that is all|thats all|that's it|that will be all|nothing else|no thanks|no thank you|have a (?:good|nice|great) day|i'm done|we're done)\b")]
    private static partial Regex GoodbyeRule();

    [GeneratedRegex(@"\b(?:sorry|pardon|repeat|say (?:that|it) again|come again|what did you say|what was that|didn't (?:catch|hear|get) (?:that|it|you)|did not (?:catch|hear) (?:that|it|you)|once more)\b")]
    private static partial Regex RepeatRule();

    [GeneratedRegex(@"\b(?:thanks|thank you|cheers|appreciate it)\b")]
    private static partial Regex ThanksRule();

    [GeneratedRegex(@"^(?:hello|hi|hey|hiya|howdy|good morning|good afternoon|good evening|greetings)\b")]
    private static partial Regex GreetingRule();

    [GeneratedRegex(@"^(?:no|nope|nah|not really|don't)\b|\b(?:never mind|nevermind|forget it|don't bother)\b")]
    private static partial Regex NoRule();

    [GeneratedRegex(@"^(?:yes|yeah|yep|yup|sure|ok|okay|please do|please|that's fine|that works|sounds good|correct|right|go ahead|perfect|great|fine|alright|all right)\b")]
    private static partial Regex YesRule();

    // "to" before a date or time ("to friday", "to 4"), not "i'd like to move".
    [GeneratedRegex(@"\bto (?=today|tomorrow|tonight|the |next |this |on |at |noon|midday|half|quarter|morning|afternoon|evening|monday|tuesday|wednesday|thursday|friday|saturday|sunday|january|february|march|april|may|june|july|august|september|october|november|december|\d)")]
    private static partial Regex ToWord();

    [GeneratedRegex(@"\b(?:my name is|my name's|name is|the name's|under the name|under the name of|this is|it's for|put it under) (?<name>[a-z'-]+(?: [a-z'-]+)?)")]
    private static partial Regex NameRule();
}
