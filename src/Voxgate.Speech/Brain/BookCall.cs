using System.Text.Json;

namespace Voxgate.Speech.Brain;

/// <summary>One call to an <see cref="InMemoryAppointmentBook"/> tool: its name, the arguments given and what it returned.</summary>
internal sealed record BookCall(string Tool, IReadOnlyDictionary<string, string> Arguments, JsonElement Result)
{
    /// <summary>The call changed the book: a booking made, moved or cancelled.</summary>
    public bool Changed =>
        Tool is BookingTools.BookAppointment or BookingTools.RescheduleAppointment or BookingTools.CancelAppointment
        && Result.ValueKind == JsonValueKind.Object
        && (Flag("booked") || Flag("rescheduled") || Flag("cancelled"));

    private bool Flag(string name) => Result.TryGetProperty(name, out JsonElement value) && value.ValueKind == JsonValueKind.True;
}
