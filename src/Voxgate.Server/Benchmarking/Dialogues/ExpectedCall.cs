using Voxgate.Speech.Brain;

namespace Voxgate.Server.Benchmarking.Dialogues;

/// <summary>A booking change the dialogue must make: the tool and the arguments that matter.</summary>
/// <param name="Tool">book_appointment, reschedule_appointment or cancel_appointment.</param>
/// <param name="Arguments">Argument values compared without regard to case (a name) — only these are checked.</param>
internal sealed record ExpectedCall(string Tool, IReadOnlyDictionary<string, string> Arguments)
{
    public static ExpectedCall Book(string date, string time, string name, string? service = null)
    {
        var arguments = new Dictionary<string, string>(StringComparer.Ordinal) { ["date"] = date, ["time"] = time, ["name"] = name };
        if (service is not null)
        {
            arguments["service"] = service;
        }

        return new ExpectedCall(BookingTools.BookAppointment, arguments);
    }

    public static ExpectedCall Reschedule(string reference, string date, string time) =>
        new(BookingTools.RescheduleAppointment, new Dictionary<string, string>(StringComparer.Ordinal) { ["reference"] = reference, ["date"] = date, ["time"] = time });

    public static ExpectedCall Cancel(string reference) =>
        new(BookingTools.CancelAppointment, new Dictionary<string, string>(StringComparer.Ordinal) { ["reference"] = reference });

    public override string ToString() => $"{Tool}({string.Join(", ", Arguments.Select(a => $"{a.Key}={a.Value}"))})";
}
