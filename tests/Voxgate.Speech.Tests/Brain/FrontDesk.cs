using System.ComponentModel;
using Microsoft.Extensions.AI;

namespace Voxgate.Speech.Tests.Brain;

/// <summary>An appointment book behind the three tools the receptionist calls.</summary>
internal sealed class FrontDesk
{
    public HashSet<string> Taken { get; } = [];

    public Dictionary<string, string> Booked { get; } = [];

    public List<string> Cancelled { get; } = [];

    public IList<AITool> Tools(bool check = true, bool book = true, bool cancel = true)
    {
        var tools = new List<AITool>();
        if (check)
        {
            tools.Add(AIFunctionFactory.Create(
                ([Description("YYYY-MM-DD")] string date, [Description("HH:mm")] string time) => new { available = !Taken.Contains($"{date} {time}") },
                "check_availability", "Whether a time is free."));
        }

        if (book)
        {
            tools.Add(AIFunctionFactory.Create(
                (string date, string time, string? name = null, string? service = null) =>
                {
                    string id = $"A{Booked.Count + 1}";
                    Booked[id] = $"{date} {time} {name} {service}".Trim();
                    return new { booked = true, id };
                },
                "book_appointment", "Books an appointment."));
        }

        if (cancel)
        {
            tools.Add(AIFunctionFactory.Create(
                (string date, string? time = null, string? appointment_id = null) =>
                {
                    Cancelled.Add($"{date} {time} {appointment_id}".Trim());
                    return new { cancelled = true };
                },
                "cancel_appointment", "Cancels an appointment."));
        }

        return tools;
    }
}
