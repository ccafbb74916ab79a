using System.Text.Json;
using Voxgate.Speech.Brain;

namespace Voxgate.Server.Benchmarking.Dialogues;

/// <summary>
/// Scores a dialogue on its task: the booking changes the script expects were made with the right arguments and no
/// others were, every booking made or moved had its reference read back, and everything the receptionist had to
/// say was said. The turns are reported beside it.
/// </summary>
internal static class DialogueScoring
{
    public static DialogueResult Score(DialogueScript script, IReadOnlyList<DialogueTurn> turns, IReadOnlyList<BookCall> calls)
    {
        BookCall[] changes = [.. calls.Where(c => c.Changed)];
        var unmatched = new List<BookCall>(changes);
        int right = 0;
        var missing = new List<ExpectedCall>();
        foreach (ExpectedCall expected in script.Calls)
        {
            BookCall? match = unmatched.FirstOrDefault(c => Matches(expected, c));
            if (match is null)
            {
                missing.Add(expected);
                continue;
            }

            unmatched.Remove(match);
            right++;
        }

        bool readBack = changes.Where(c => c.Tool is BookingTools.BookAppointment or BookingTools.RescheduleAppointment)
            .All(c => ReadBackAfter(c, calls, turns));
        string[] unsaid = [.. script.Said.Where(word => !turns.Any(t => t.Reply.Contains(word, StringComparison.OrdinalIgnoreCase)))];
        int repeats = turns.Zip(turns.Skip(1)).Count(pair => pair.First.Reply.Length > 0 && pair.First.Reply == pair.Second.Reply);

        string? failure = missing.Count > 0 ? $"missing {string.Join("; ", missing)}"
            : unmatched.Count > 0 ? $"unexpected {string.Join("; ", unmatched.Select(Describe))}"
            : !readBack ? "reference not read back"
            : unsaid.Length > 0 ? $"never said {string.Join(", ", unsaid.Select(w => $"'{w}'"))}"
            : turns.Count > 0 && turns[^1].Reply.Length == 0 ? "no reply"
            : null;

        // A call that is over before the task is done is a failure even when nothing wrong was booked.
        return new DialogueResult(script, turns, calls)
        {
            CallsRight = right,
            CallsWrong = unmatched.Count,
            ReferenceReadBack = readBack,
            SaidAll = unsaid.Length == 0,
            Repeats = repeats,
            Failure = failure,
        };
    }

    public static string Describe(BookCall call) => $"{call.Tool}({string.Join(", ", call.Arguments.Select(a => $"{a.Key}={a.Value}"))})";

    private static bool Matches(ExpectedCall expected, BookCall actual) =>
        expected.Tool == actual.Tool
        && expected.Arguments.All(a => actual.Arguments.TryGetValue(a.Key, out string? value) && string.Equals(value.Trim(), a.Value, StringComparison.OrdinalIgnoreCase));

    /// <summary>Some reply after the call holds the reference, whatever separates its characters.</summary>
    private static bool ReadBackAfter(BookCall call, IReadOnlyList<BookCall> calls, IReadOnlyList<DialogueTurn> turns)
    {
        if (!call.Result.TryGetProperty("reference", out JsonElement reference) || reference.GetString() is not { } value)
        {
            return false;
        }

        string wanted = Canonical(value);
        return turns.Any(t => Canonical(t.Reply).Contains(wanted, StringComparison.Ordinal));
    }

    private static string Canonical(string text) => new([.. text.Where(char.IsLetterOrDigit).Select(char.ToUpperInvariant)]);
}
