using System.Text.RegularExpressions;

namespace Voxgate.Speech.Brain;

/// <summary>
/// The receptionist's questions, each in three wordings: the first time, asked again, and — once it has failed
/// twice — with an example of an answer. Also reads back which kind of question a reply was, since the
/// receptionist keeps no state between calls and learns what it asked from its own words in the history.
/// </summary>
internal static partial class Questions
{
    /// <summary>The wording for the <paramref name="asked"/>-th time in a row this question is asked (0 = first).</summary>
    public static string Pick(int asked, string first, string again, string withExample, string withAnotherExample) => asked switch
    {
        0 => first,
        1 => again,
        _ => asked % 2 == 0 ? withExample : withAnotherExample,
    };

    /// <summary>What a reply of the receptionist asked for.</summary>
    public static QuestionKind KindOf(string? reply)
    {
        if (string.IsNullOrWhiteSpace(reply) || !reply.Contains('?', StringComparison.Ordinal))
        {
            return QuestionKind.None;
        }

        // The question is the last sentence; what comes before may be an apology or a statement, and an apology may lead it.
        string question = Apology().Replace(LastQuestion(reply).ToLowerInvariant(), "");
        return question switch
        {
            _ when AnythingElse().IsMatch(question) => QuestionKind.None,
            _ when Reference().IsMatch(question) => QuestionKind.Reference,
            _ when Name().IsMatch(question) => QuestionKind.Name,
            _ when Which().IsMatch(question) => QuestionKind.WhichBooking,
            _ when Request().IsMatch(question) => QuestionKind.Request,
            _ when YesNo().IsMatch(question) => QuestionKind.YesNo,
            _ when Time().IsMatch(question) => QuestionKind.Time,
            _ when Day().IsMatch(question) => QuestionKind.Day,
            _ => QuestionKind.None,
        };
    }

    private static string LastQuestion(string reply)
    {
        int end = reply.LastIndexOf('?');
        int start = reply.LastIndexOfAny(['.', '!', '?'], Math.Max(end - 1, 0));
        return reply[(start + 1)..(end + 1)].Trim();
    }

    [GeneratedRegex(@"^(?:(?:i'm )?sorry(?: again)?|as i said|again|of course|sure|great|okay|no problem),?\s*")]
    private static partial Regex Apology();

    [GeneratedRegex(@"\banything else\b|\bhow can i help\b|\bwhat can i help\b|\bwhat would you like to do\b")]
    private static partial Regex AnythingElse();

    [GeneratedRegex(@"\breference\b")]
    private static partial Regex Reference();

    [GeneratedRegex(@"\bname\b|\bsurname\b|\bspell\b")]
    private static partial Regex Name();

    [GeneratedRegex(@"\bwhich (?:one|of (?:them|those))\b|\bwhich booking\b")]
    private static partial Regex Which();

    [GeneratedRegex(@"^(?=.*\bmove\b)(?=.*\bcancel it\b)")]
    private static partial Regex Request();

    [GeneratedRegex(@"^(?:shall|should|would you like me to|do you want me to|is that|can i go ahead)\b")]
    private static partial Regex YesNo();

    [GeneratedRegex(@"\btime\b|\bwhen on\b|\bwhat hour\b")]
    private static partial Regex Time();

    [GeneratedRegex(@"\bday\b|\bdate\b|\bwhen\b")]
    private static partial Regex Day();
}
