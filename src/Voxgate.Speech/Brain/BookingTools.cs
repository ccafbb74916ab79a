using System.Text.Json;
using Microsoft.Extensions.AI;

namespace Voxgate.Speech.Brain;

/// <summary>The appointment tools the receptionist calls, found by name among <see cref="ChatOptions.Tools"/>.</summary>
internal sealed class BookingTools
{
    public const string CheckAvailability = "check_availability";
    public const string BookAppointment = "book_appointment";
    public const string CancelAppointment = "cancel_appointment";
    public const string RescheduleAppointment = "reschedule_appointment";
    public const string FindBooking = "find_booking";
    public const string DateParameter = "date";
    public const string TimeParameter = "time";

    private static readonly string[] IdParameters = ["appointment_id", "appointmentId", "id"];

    private readonly Dictionary<string, AITool> _tools;

    private BookingTools(Dictionary<string, AITool> tools) => _tools = tools;

    /// <summary>The tools offered for this call; none when the tool mode forbids calling them.</summary>
    public static BookingTools From(ChatOptions? options)
    {
        var tools = new Dictionary<string, AITool>(StringComparer.Ordinal);
        if (options?.Tools is { } offered && options.ToolMode is not NoneChatToolMode)
        {
            foreach (AITool tool in offered)
            {
                tools.TryAdd(tool.Name, tool);
            }
        }

        return new BookingTools(tools);
    }

    public bool Has(string name) => _tools.ContainsKey(name);

    public static FunctionCallContent Check(Slot slot) => Call(CheckAvailability, SlotArguments(slot));

    public static FunctionCallContent Book(Slot slot, string? name, string? service)
    {
        Dictionary<string, object?> arguments = SlotArguments(slot);
        if (name is not null)
        {
            arguments["name"] = name;
        }

        if (service is not null)
        {
            arguments["service"] = service;
        }

        return Call(BookAppointment, arguments);
    }

    public FunctionCallContent Cancel(Slot slot)
    {
        Dictionary<string, object?> arguments = SlotArguments(slot);
        if (slot.Id is not null && IdParameterOf(CancelAppointment) is { } idParameter)
        {
            arguments[idParameter] = slot.Id;
        }

        return Call(CancelAppointment, arguments);
    }

    private static Dictionary<string, object?> SlotArguments(Slot slot)
    {
        var arguments = new Dictionary<string, object?>(StringComparer.Ordinal) { [DateParameter] = slot.DateArgument };
        if (slot.Time is not null)
        {
            arguments[TimeParameter] = slot.TimeArgument;
        }

        return arguments;
    }

    /// <summary>The declared parameter that takes an appointment id, if the tool has one.</summary>
    private string? IdParameterOf(string toolName)
    {
        if (_tools.GetValueOrDefault(toolName) is not AIFunctionDeclaration declaration
            || declaration.JsonSchema.ValueKind != JsonValueKind.Object
            || !declaration.JsonSchema.TryGetProperty("properties", out JsonElement properties)
            || properties.ValueKind != JsonValueKind.Object)
        {
            return null;
        }

        return IdParameters.FirstOrDefault(name => properties.TryGetProperty(name, out _));
    }

    private static FunctionCallContent Call(string name, Dictionary<string, object?> arguments) =>
        new($"call_{Guid.NewGuid():N}", name, arguments);
}
