namespace Voxgate.Speech.Recognition.LanguageModel;

/// <summary>
/// The text Voxgate's front-desk language model is estimated from: what callers say to a clinic or salon
/// receptionist, generated from templates — greetings, requests to book, move and cancel, dates and times in the
/// ways people say them, services, corrections, yes and no, names, spelled references and phone numbers, opening
/// hours, clinic questions and small talk. Written from how such calls go, not from any test sentences.
/// </summary>
internal static class FrontDeskCorpus
{
    /// <summary>Sentences sampled by default: enough that every template and most slot combinations occur.</summary>
    public const int DefaultSentenceCount = 60_000;

    private const ulong Seed = 0x566F786761746531UL;

    private static readonly string[] LastNames =
    [
        "smith", "jones", "brown", "taylor", "williams", "wilson", "johnson", "davies", "robinson", "wright", "thompson",
        "evans", "walker", "white", "roberts", "green", "hall", "wood", "jackson", "clarke", "patel", "khan", "lewis",
        "harris", "martin", "cooper", "king", "lee", "baker", "hill", "moore", "clark", "turner", "scott", "morris",
        "ward", "carter", "murphy", "kelly", "hughes", "edwards", "collins", "stewart", "bell", "campbell", "anderson",
        "miller", "davis", "garcia", "rodriguez", "martinez", "lopez", "nguyen", "kim", "park", "chen", "wang", "singh",
        "ali", "hussain", "shah", "begum", "o'brien", "mcdonald", "murray", "graham", "mitchell", "adams", "young",
        "allen", "parker", "phillips", "shaw", "russell", "fisher", "price", "bennett", "gray", "cox", "fox", "reed",
        "mason", "hunt", "palmer", "butler", "barker", "grant", "foster", "webb", "marshall", "owen", "ellis", "knight",
    ];

    /// <summary>The sentences, lower case, one per item; the same list every time.</summary>
    public static IEnumerable<string> Generate(int count = DefaultSentenceCount)
    {
        PhraseGrammar grammar = Build();
        var random = new SplitMix64(Seed);
        for (int i = 0; i < count; i++)
        {
            string sentence = grammar.Sample("turn", ref random);
            if (sentence.Length > 0)
            {
                yield return sentence;
            }
        }
    }

    /// <summary>
    /// The kinds of answer that have an answer model of their own: names only. Every model in the set is scored for
    /// every word, weighted or not, and with all five kinds the engine took a fifth more CPU at eight conversations
    /// (p95 after the window 56–128 ms against 42) while only the name turns of the development dialogues changed;
    /// a yes, a day, a time or a reference is listened to as anything (docs/benchmarks.md).
    /// </summary>
    public static IReadOnlyList<ExpectedAnswer> AnswerKinds { get; } = [ExpectedAnswer.Name];

    /// <summary>
    /// Sentences a caller answers <paramref name="answer"/>'s question with: the corpus's own rules for that turn (a yes
    /// or no, a name turn or a spelling, a date, a time, a reference), sampled with a seed of their own.
    /// </summary>
    public static IEnumerable<string> GenerateAnswers(ExpectedAnswer answer, int count)
    {
        string[] rules = answer switch
        {
            ExpectedAnswer.YesOrNo => ["yes-no"],
            ExpectedAnswer.Name => ["name-turn", "name-turn", "name-turn", "spelled-name"],
            ExpectedAnswer.Day => ["date-answer"],
            ExpectedAnswer.Time => ["time-answer"],
            ExpectedAnswer.Reference => ["reference-turn"],
            _ => throw new ArgumentOutOfRangeException(nameof(answer), answer, "Only a question's answer has a model of its own."),
        };

        PhraseGrammar grammar = Build();
        var random = new SplitMix64(Seed ^ (ulong)(int)answer);
        for (int i = 0; i < count; i++)
        {
            string sentence = grammar.Sample(rules[i % rules.Length], ref random);
            if (sentence.Length > 0)
            {
                yield return sentence;
            }
        }
    }

    internal static PhraseGrammar Build()
    {
        var g = new PhraseGrammar();

        // What one caller turn is, weighted by how often each kind comes up in a booking call.
        g.Rule("turn",
            "<request>", "<request>", "<request>", "<request>",
            "<greeting> <request>", "<greeting> <request>", "<greeting>",
            "<time-answer>", "<time-answer>", "<time-answer>",
            "<date-answer>", "<date-answer>",
            "<correction>", "<correction>",
            "<yes-no>", "<yes-no>",
            "<name-turn>", "<name-turn>", "<name-turn>", "<spelled-name>",
            "<reference-turn>", "<phone-turn>",
            "<move>", "<cancel>", "<find>",
            "<hours>", "<hours>",
            "<clinic>", "<clinic>",
            "<small-talk>", "<closing>");

        g.Rule("greeting",
            "hello", "hi", "hi there", "hello there", "hey", "good morning", "good afternoon", "good evening", "morning",
            "hello good morning", "oh hi", "yes hello", "hi good afternoon", "hello yes", "hiya", "hello hi");

        // Asking for an appointment.
        g.Rule("request",
            "<opener> <book-what>", "<opener> <book-what> <when>", "<opener> <book-what> <when> <please>",
            "<opener> <book-what> for <someone>", "<opener> <book-what> for <someone> <when>",
            "<opener> <book-what> <when> my name is <full-name>",
            "do you have <any-slot> <when>", "do you have <any-slot> <when> <please>", "have you got <any-slot> <when>",
            "is there <any-slot> <when>", "are there any appointments <when>", "are you free <when>",
            "is <time> free", "is <time> free <date>", "is <time> available <date>", "is <date> at <time> available",
            "is <date> at <time> still free", "can you fit me in <when>", "could you fit me in <when>",
            "what times do you have <date>", "what have you got <date>", "what do you have available <date>",
            "when is your next available appointment", "when is the next free appointment", "what's the earliest you can do",
            "what's your first available appointment", "i'd like the first available appointment",
            "<opener> <book-what> with <doctor>", "<opener> <book-what> with <doctor> <when>", "can i see <doctor> <when>",
            "i'm looking for an appointment <when>", "i was wondering if you had anything <when>",
            "<opener> come in <when>", "<opener> come in for a <service>", "<opener> come in for a <service> <when>");
        g.Rule("opener",
            "i'd like to", "i would like to", "i want to", "i need to", "can i", "could i", "may i", "i was hoping to",
            "i'm calling to", "i'm ringing to", "i wanted to", "is it possible to", "would it be possible to", "please can i",
            "i'd like to please", "yes i'd like to", "hi i'd like to", "i'm trying to", "can you", "could you");
        g.Rule("book-what",
            "book an appointment", "book an appointment", "make an appointment", "book a <service>", "book in for a <service>",
            "schedule an appointment", "get an appointment", "book myself in", "book me in", "make a booking", "book a slot",
            "get a <service>", "book a time", "arrange an appointment", "set up an appointment", "see someone",
            "see a doctor", "see the doctor", "see the nurse", "book a <service> appointment", "book an appointment for a <service>");
        g.Rule("any-slot",
            "anything", "anything free", "any appointments", "any availability", "any slots", "a slot", "an appointment",
            "any openings", "anything available", "something");
        g.Rule("someone",
            "my <relation>", "my <relation> <first-name>", "<first-name>", "two people", "me and my <relation>");
        g.Rule("please", "please", "if possible", "if you can", "if that's okay", "thanks", "thank you");

        // When: dates and times in the ways people say them.
        g.Rule("when",
            "<date>", "<date>", "<date> at <time>", "<date> at <time>", "<date> at <time>", "at <time> <date>", "<time> <date>",
            "<date> <day-part>", "<date> in the <day-part>", "on <date>", "for <date>", "for <date> at <time>",
            "<date> around <time>", "<date> about <time>", "sometime <date>", "<date> after <time>", "<date> before <time>",
            "<date> at <time> <day-part-suffix>", "at <time>", "for <time>", "around <time>", "<date> at <time> or <time>",
            "<date> or <date>", "<date> if possible", "<date> any time", "<date> first thing", "<date> late afternoon",
            "<date> early morning", "<date> at lunchtime", "<date> late morning");
        g.Rule("date",
            "today", "tomorrow", "the day after tomorrow", "<weekday>", "<weekday>", "<weekday>", "this <weekday>",
            "next <weekday>", "next <weekday>", "on <weekday>", "this coming <weekday>", "<weekday> the <ordinal>",
            "the <ordinal>", "the <ordinal> of <month>", "<month> the <ordinal>", "<month> <ordinal>", "<weekday> <month> <ordinal>",
            "<weekday> the <ordinal> of <month>", "next week", "this week", "later this week", "early next week",
            "<weekday> next week", "the week after next", "tomorrow morning", "tomorrow afternoon", "tonight", "this afternoon",
            "this morning", "the end of the week", "the weekend", "<weekday> or <weekday>", "a week on <weekday>");
        g.Rule("weekday", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday");
        g.Rule("weekdays", "mondays", "tuesdays", "wednesdays", "thursdays", "fridays", "saturdays", "sundays", "weekdays", "weekends");
        g.Rule("month",
            "january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november", "december");
        g.Rule("ordinal",
            "first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth", "eleventh", "twelfth",
            "thirteenth", "fourteenth", "fifteenth", "sixteenth", "seventeenth", "eighteenth", "nineteenth", "twentieth",
            "twenty first", "twenty second", "twenty third", "twenty fourth", "twenty fifth", "twenty sixth", "twenty seventh",
            "twenty eighth", "twenty ninth", "thirtieth", "thirty first");
        g.Rule("time",
            "<hour>", "<hour>", "<hour> o'clock", "<hour> o'clock", "<hour> <minutes>", "<hour> <minutes>", "<hour> <meridiem>",
            "<hour> <minutes> <meridiem>", "<hour> o'clock <day-part-suffix>", "<hour> <day-part-suffix>",
            "half past <hour>", "half past <hour>", "quarter past <hour>", "quarter to <hour>", "<minute-words> past <hour>",
            "<minute-words> to <hour>", "half <hour>", "noon", "midday", "twelve noon", "lunchtime", "<hour> thirty",
            "<hour> fifteen", "<hour> forty five", "<hour> o'clock sharp", "about <hour>", "around <hour> o'clock");
        g.Rule("hour", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve");
        g.Rule("minutes",
            "oh five", "ten", "fifteen", "twenty", "twenty five", "thirty", "thirty five", "forty", "forty five", "fifty",
            "fifty five", "oh oh");
        g.Rule("minute-words", "five", "ten", "twenty", "twenty five");
        g.Rule("meridiem", "a.m.", "p.m.", "p.m.");
        g.Rule("day-part", "morning", "afternoon", "evening", "lunchtime");
        g.Rule("day-part-suffix", "in the morning", "in the afternoon", "in the evening", "at night");

        // Answers to "what time?" and "which day?".
        g.Rule("time-answer",
            "<time>", "<time>", "at <time>", "<time> please", "<time> would be great", "<time> would be good", "<time> would be perfect",
            "<time> works for me", "<time> is fine", "<time> is good", "how about <time>", "what about <time>", "can you do <time>",
            "could i have <time>", "could i do <time>", "let's say <time>", "um <time>", "<time> if possible", "<time> if you have it",
            "anything after <time>", "anything before <time>", "<time> or <time>", "<time> then please", "<date> at <time> then please",
            "<date> at <time> please", "at <time> please", "<time> would suit me", "<time> suits me", "i'll take <time>",
            "i can do <time>", "i could come at <time>", "maybe <time>", "yes <time> please", "<time> <day-part-suffix> please",
            "<time> o'clock would be great", "<time> if that's okay", "earlier if you can", "later if possible",
            "the earliest you have", "the latest you have", "any time after <time>", "as early as possible");
        g.Rule("date-answer",
            "<date>", "<date>", "<date> please", "<date> would be best", "<date> if you can", "how about <date>",
            "<date> is better for me", "<date> then", "on <date> please", "<date> would be good", "<date> works for me",
            "any day next week", "any day except <weekday>", "not <weekday> but <weekday> is fine", "<date> at <time>",
            "<date> in the <day-part>", "maybe <date>", "<date> or <date> either is fine");

        // Changing what was said.
        g.Rule("correction",
            "actually make that <time> instead", "actually make that <time>", "actually make it <time>", "actually <date>",
            "actually <time>", "actually can we do <date> instead", "actually can we do <time> instead", "sorry i meant <time>",
            "sorry i meant <date>", "no not <time> <time>", "no not <date> <date>", "no <date> not <date>", "no <time> not <time>",
            "can we change that to <time>", "can we change that to <date>", "change it to <time> please", "make it <date> at <time> instead",
            "wait can we do <time> instead", "on second thoughts <date> would be better", "oh sorry <time> not <time>",
            "no i said <time>", "no i said <date>", "i said <time>", "make that <date> instead", "<time> instead please",
            "<date> instead", "instead of <time> can i have <time>", "can i make it a bit later", "can i make it a bit earlier",
            "actually <date> at <time> would be better", "sorry <time>", "sorry <date>", "sorry no <time>", "let's do <time> instead",
            "could we make it <time> instead", "actually make that <date> please", "no that's wrong it was <time>",
            "not <date> <date>", "actually i can't do <date> can we do <date>");

        g.Rule("yes-no",
            "yes", "yes please", "yeah", "yeah that's fine", "yes that's right", "that's right", "correct", "that's correct",
            "perfect", "great", "lovely", "sounds good", "that sounds good", "that works", "that works for me", "that's fine",
            "okay", "ok", "sure", "yep", "go ahead", "please do", "yes book it", "yes please book it", "yes that's perfect",
            "yes that would be great", "that would be great", "that's great thank you", "yes thank you", "fine", "brilliant",
            "no", "no thanks", "no thank you", "nope", "not really", "no that's wrong", "no that's not right", "no that doesn't work",
            "no i can't do that", "no that's too early", "no that's too late", "no sorry", "no that's not it", "yes go on then",
            "yes that's it", "yes it is", "no it isn't", "that's it", "absolutely", "definitely", "of course", "alright",
            "yes please it's for a <service>", "yes it's for a <service>", "yes and it's for a <service>", "yes please a <service>");

        // Names, spelled out sometimes.
        g.Rule("name-turn",
            "my name is <full-name>", "my name is <full-name>", "it's <full-name>", "<full-name>", "<full-name>", "<first-name>",
            "the name is <last-name>", "it's under <full-name>", "this is <full-name>", "you can put it under <full-name>",
            "it's <first-name>", "my name's <first-name>", "my name's <full-name>", "i'm <full-name>", "<full-name> please",
            "the booking is under <full-name>", "it's for my <relation> <first-name>", "it's <first-name> <last-name> <spelled>",
            "<last-name> <spelled>", "my surname is <last-name>", "first name <first-name> surname <last-name>",
            "it's <title> <last-name>", "<title> <last-name>", "under the name <last-name>", "yes it's <full-name>",
            "sure it's <full-name>", "my name is <full-name> and my number is <phone>");
        g.Rule("full-name", "<first-name> <last-name>", "<first-name> <last-name>", "<first-name>");

        // Spelling a surname, as callers do when asked: the letters alone, or with the name.
        g.Rule("spelled-name",
            "<spelling>", "<spelling>", "it's <spelling>", "that's <spelling>", "my surname is <spelling>", "no it's <spelling>",
            "no my name is <first-name> <spelling>", "<spelled> <spelled>", "<spelled>");
        foreach (string surname in LastNames.Where(n => n.All(char.IsAsciiLetterLower)))
        {
            string letters = string.Join(' ', surname.ToCharArray());
            g.Rule("spelling", $"{surname} {letters}", letters, $"{letters} {surname}");
        }

        g.Rule("title", "mister", "missus", "miss", "doctor");
        g.Rule("spelled", "<letter> <letter> <letter>", "<letter> <letter> <letter> <letter>", "<letter> <letter> <letter> <letter> <letter>");
        g.Rule("letter",
            "a", "b", "c", "d", "e", "f", "g", "h", "i", "j", "k", "l", "m", "n", "o", "p", "r", "s", "t", "u", "v", "w", "y");
        g.Rule("first-name",
            "sam", "sarah", "john", "james", "emma", "olivia", "jack", "harry", "sophie", "emily", "lucy", "david", "daniel",
            "michael", "thomas", "oliver", "chloe", "hannah", "laura", "rachel", "anna", "maria", "peter", "paul", "mark", "kate",
            "jessica", "amy", "ben", "tom", "chris", "alex", "adam", "ryan", "matthew", "andrew", "joseph", "george", "charlotte",
            "grace", "ella", "lily", "mia", "amelia", "isabella", "ava", "noah", "liam", "ethan", "lucas", "henry", "jacob",
            "william", "elizabeth", "mary", "susan", "linda", "karen", "helen", "ruth", "claire", "fiona", "nina", "priya",
            "raj", "ahmed", "ali", "omar", "fatima", "aisha", "mohammed", "wei", "li", "chen", "yuki", "carlos", "jose", "juan",
            "sofia", "lena", "erik", "anders", "ian", "neil", "gary", "steve", "simon", "martin", "robert", "richard", "tony",
            "jane", "julie", "anne", "rose", "jenny", "megan", "holly", "zoe", "leo", "max", "joe", "dan", "nick", "luke");
        g.Rule("last-name", LastNames);
        g.Rule("relation", "son", "daughter", "husband", "wife", "mother", "mum", "father", "dad", "partner", "child", "baby", "friend");
        g.Rule("doctor", "doctor <last-name>", "the doctor", "a doctor", "the nurse", "the same doctor", "a female doctor", "the dentist", "the hygienist");

        // Booking references (GB-YYYYMMDD-NNN, read digit by digit) and phone numbers.
        g.Rule("reference-turn",
            "my reference is <reference>", "the reference is <reference>", "<reference>", "<reference>", "it's <reference>",
            "i have the reference <reference>", "booking reference <reference>", "my booking reference is <reference>",
            "the reference number is <reference>", "yes it's <reference>", "i think it's <reference>", "i've got <reference>",
            "it's <reference> i think", "<reference> that's my reference");
        g.Rule("reference", "g b <year> <month-digits> <day-digits> <sequence>", "g b <year> <month-digits> <day-digits> <sequence>",
            "g b dash <year> <month-digits> <day-digits> dash <sequence>");
        g.Rule("year", "two zero two six", "two zero two six", "two zero two seven", "two oh two six", "twenty twenty six", "twenty twenty seven");
        g.Rule("month-digits",
            "zero one", "zero two", "zero three", "zero four", "zero five", "zero six", "zero seven", "zero eight", "zero nine",
            "one zero", "one one", "one two", "oh one", "oh six", "eleven", "twelve");
        g.Rule("day-digits",
            "zero <digit>", "one <digit>", "two <digit>", "three zero", "three one", "oh <digit>", "<digit> <digit>");
        g.Rule("sequence", "zero zero <digit>", "zero zero <digit>", "zero one <digit>", "double zero <digit>", "oh oh <digit>", "double oh <digit>");
        g.Rule("digit", "zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "oh");
        g.Rule("phone-turn",
            "my number is <phone>", "it's <phone>", "<phone>", "you can reach me on <phone>", "my phone number is <phone>",
            "my mobile is <phone>", "call me on <phone>", "the best number is <phone>");
        g.Rule("phone",
            "oh seven <digit> <digit> <digit> <digit> <digit> <digit> <digit> <digit> <digit>",
            "zero seven <digit> <digit> <digit> <digit> <digit> <digit> <digit> <digit> <digit>",
            "oh seven <digit> <digit> <digit> double <digit> <digit> <digit> <digit> <digit>",
            "<digit> <digit> <digit> <digit> <digit> <digit> <digit> <digit> <digit> <digit>");

        // Moving, cancelling and finding appointments.
        g.Rule("move",
            "<opener> <move-verb> my appointment", "<opener> <move-verb> my appointment to <when>",
            "<opener> <move-verb> my appointment from <when> to <when>", "<opener> <move-verb> my appointment on <date>",
            "can you move it to <when>", "could we move it to <when>", "can we push it back to <time>", "can we bring it forward to <time>",
            "can i change my booking", "i need to change the time of my appointment", "i can't make <date> any more",
            "i can't make it on <date> can i come <date> instead", "<opener> <move-verb> it to <when>", "move it to <when> please",
            "<opener> <move-verb> my <service> to <when>", "<opener> <move-verb> my booking", "<opener> <move-verb> my booking to <when>",
            "i have an appointment <when> but i need to change it", "can i move my <date> appointment to <date>",
            "i'd like to move it to <when> instead", "is it possible to move my appointment", "can we do <when> instead");
        g.Rule("move-verb", "move", "move", "reschedule", "change", "rearrange", "push back", "bring forward", "rebook", "shift", "postpone");
        g.Rule("cancel",
            "<opener> cancel my appointment", "<opener> cancel my appointment <when>", "<opener> cancel my appointment on <date>",
            "i need to cancel", "please cancel my booking", "i won't be able to make it <date>", "i can't come in <date>",
            "can you cancel it please", "cancel it please", "cancel the appointment for <full-name>", "<opener> cancel my booking",
            "<opener> cancel my <service>", "<opener> cancel my <service> <when>", "i'm afraid i have to cancel",
            "i need to cancel my appointment <when>", "can you cancel my appointment the reference is <reference>",
            "<opener> cancel the booking under <full-name>", "just cancel it", "actually please cancel it",
            "cancel my appointment please", "i'd like to cancel the appointment i just made");
        g.Rule("find",
            "i have an appointment <when>", "i've got a booking <date>", "i think my appointment is <when>",
            "can you check when my appointment is", "when is my appointment", "can you look up my booking",
            "i forgot when my appointment is", "can you tell me what time my appointment is", "do i have an appointment <date>",
            "can you check my booking please", "it's under the name <full-name>", "i booked <date> for a <service>",
            "can you find my booking", "can you confirm my appointment", "what time is my appointment <date>");

        // Opening hours, the time and the date.
        g.Rule("hours",
            "what are your opening hours", "what are your opening times", "what time do you open", "what time do you open <date>",
            "what time do you close", "what time do you close <date>", "are you open <date>", "are you open on <weekdays>",
            "when are you open", "how late are you open", "are you open at the weekend", "what are your hours on <weekday>",
            "do you open on <weekdays>", "are you open on <weekday>", "what time is it", "what's the time", "what time is it now",
            "what's the date today", "what day is it today", "what's today's date", "what's the date", "when do you close today",
            "are you closed on <weekdays>", "until what time are you open", "how early do you open", "do you open late on <weekday>",
            "what time does the clinic open", "what time does the salon close", "is the clinic open <date>");

        // Clinic and salon questions.
        g.Rule("clinic",
            "i need to see a doctor", "can i speak to a nurse", "i need a repeat prescription", "i need to renew my prescription",
            "my <relation> has <symptom>", "i've had <symptom> for <duration>", "i have <symptom>", "i've got <symptom>",
            "can i get my test results", "can i get my blood test results", "is the doctor in <date>", "do you do <service-plural>",
            "how long does a <service> take", "how much is a <service>", "how much does a <service> cost", "do i need to bring anything",
            "do i need a referral", "can i bring my <relation>", "where are you", "where are you located", "is there parking",
            "i'm running late", "i'll be about <minutes-late> late", "i'm a new patient", "i'd like to register as a new patient",
            "can i see <doctor>", "it's quite urgent", "it's not urgent", "is it possible to see someone today",
            "do you have a <service> available <date>", "my <relation> needs a <service>", "i need a <service> for my <relation>",
            "i'd like a <service> with <doctor>", "can i have a <service> and a <service>", "do i need to fast before my blood test",
            "it's for a <service>", "it's a <service>", "it's just a <service>", "i need a <service>", "i'd like a <service> please",
            "my appointment is for a <service>", "i'm calling about my <relation>", "i'd like some advice",
            "do you take new patients", "can i pay by card", "how long will i have to wait", "is the <service> covered by insurance");
        g.Rule("service",
            "check up", "checkup", "consultation", "follow up", "cleaning", "vaccination", "blood test", "eye test", "haircut",
            "trim", "colour", "blow dry", "manicure", "pedicure", "massage", "flu jab", "flu vaccination", "dental check up",
            "scale and polish", "hair cut", "cut and colour", "beard trim", "physio session", "smear test", "hearing test",
            "health check", "medication review", "scan", "x ray", "filling", "facial", "wash and blow dry");
        g.Rule("service-plural",
            "check ups", "consultations", "vaccinations", "blood tests", "eye tests", "haircuts", "massages", "manicures",
            "pedicures", "flu jabs", "home visits", "walk ins", "evening appointments", "weekend appointments");
        g.Rule("symptom",
            "a cough", "a cold", "a fever", "a sore throat", "a headache", "back pain", "a rash", "an ear infection",
            "a temperature", "chest pain", "a stomach ache", "a sprained ankle", "a bad back", "the flu", "a toothache",
            "an allergy", "a chest infection", "a sore knee");
        g.Rule("duration", "two days", "a week", "a few days", "three weeks", "since <weekday>", "since yesterday", "a couple of days", "a month");
        g.Rule("minutes-late", "five minutes", "ten minutes", "fifteen minutes", "twenty minutes", "half an hour");

        g.Rule("small-talk",
            "how are you", "i'm fine thanks", "i'm good thanks", "thank you", "thanks", "thank you very much", "thanks a lot",
            "sorry", "sorry can you repeat that", "say that again please", "pardon", "sorry what did you say", "i didn't catch that",
            "can you say that again", "could you repeat that please", "can you speak more slowly", "hold on a second",
            "let me check", "just a moment", "one moment please", "i'm not sure", "i don't know", "hang on", "um", "sorry i missed that",
            "what was that", "sorry i didn't hear you", "can you hear me", "is this the clinic", "is this the right number",
            "who am i speaking to", "are you a real person", "can i speak to someone", "what can you do", "can you help me",
            "i have a question", "that's helpful thanks", "okay thank you", "no worries", "that's okay", "great thanks",
            "what's the weather like", "never mind", "forget it", "sorry wrong number");
        g.Rule("closing",
            "no that's all thank you", "that's everything thanks bye", "that's all", "that's all thanks", "that's it thanks",
            "no that's it", "goodbye", "bye", "bye bye", "have a nice day", "you too", "thanks bye", "thank you goodbye",
            "no thank you that's everything", "that's all i needed thanks", "see you then", "see you <date>", "cheers bye",
            "no that's everything thank you very much", "thanks for your help", "great see you <date> bye");

        g.Validate();
        return g;
    }
}
