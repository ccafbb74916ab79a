using System.Text.Json;
using Microsoft.Extensions.AI;

namespace Voxgate.Speech.Brain;

/// <summary>
/// The appointment tools the receptionist calls, found by name among <see cref="ChatOptions.Tools"/>, and the
/// calls it makes to them. Arguments follow the booking contract (dates <c>YYYY-MM-DD</c>, times <c>HH:mm</c>,
/// references <c>GB-YYYYMMDD-NNN</c>); where a tool declares its parameters, only those it declares are sent, so a
/// host's narrower tool (a <c>book_appointment</c> without <c>name</c>) still works — and no name is asked for it.
/// </summary>
internal sealed class BookingTools
{
    public const string CheckAvailability = "check_availability";
    public const string BookAppointment = "book_appointment";
    public const string RescheduleAppointment = "reschedule_appointment";
    public const string CancelAppointment = "cancel_appointment";
    public const string FindBooking = "find_booking";
    public const string DateParameter = "date";
    public const string TimeParameter = "time";
    public const string NameParameter = "name";
    public const string ReferenceParameter = "reference";

    // Older hosts named the booking's id differently.
    private static readonly string[] IdParameters = ["reference", "appointment_id", "appointmentId", "id", "booking_id"];

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

    /// <summary>Whether a booking needs the caller's name: the contract's <c>book_appointment</c> takes one; a tool declaring no <c>name</c> does not.</summary>
    public bool BookingTakesName => Accepts(BookAppointment, NameParameter) ?? true;

    public FunctionCallContent Check(Slot slot, string? service)
    {
        var arguments = new Dictionary<string, object?>(StringComparer.Ordinal) { [DateParameter] = slot.DateArgument };
        if (slot.Time is not null)
        {
            arguments[TimeParameter] = slot.TimeArgument;
        }

        AddIfAccepted(arguments, CheckAvailability, "service", service);
        return Call(CheckAvailability, arguments);
    }

    public FunctionCallContent Book(Slot slot, string? name, string? phone, string? service)
    {
        var arguments = new Dictionary<string, object?>(StringComparer.Ordinal)
        {
            [DateParameter] = slot.DateArgument,
            [TimeParameter] = slot.TimeArgument,
        };
        AddIfAccepted(arguments, BookAppointment, NameParameter, name);
        AddIfAccepted(arguments, BookAppointment, "phone", phone);
        AddIfAccepted(arguments, BookAppointment, "service", service);
        return Call(BookAppointment, arguments);
    }

    public static FunctionCallContent Reschedule(string reference, Slot slot) => Call(RescheduleAppointment, new Dictionary<string, object?>(StringComparer.Ordinal)
    {
        [ReferenceParameter] = reference,
        [DateParameter] = slot.DateArgument,
        [TimeParameter] = slot.TimeArgument,
    });

    /// <summary>Cancels by reference; a tool that declares a date and time instead also gets those.</summary>
    public FunctionCallContent Cancel(Slot booking)
    {
        var arguments = new Dictionary<string, object?>(StringComparer.Ordinal);
        string idParameter = IdParameterOf(CancelAppointment) ?? ReferenceParameter;
        if (booking.Id is not null)
        {
            arguments[idParameter] = booking.Id;
        }

        if (Accepts(CancelAppointment, DateParameter) == true && booking.Date is not null)
        {
            arguments[DateParameter] = booking.DateArgument;
        }

        if (Accepts(CancelAppointment, TimeParameter) == true && booking.Time is not null)
        {
            arguments[TimeParameter] = booking.TimeArgument;
        }

        return Call(CancelAppointment, arguments);
    }

    public static FunctionCallContent Find(string? reference, string? name)
    {
        var arguments = new Dictionary<string, object?>(StringComparer.Ordinal);
        if (reference is not null)
        {
            arguments[ReferenceParameter] = reference;
        }

        if (name is not null)
        {
            arguments[NameParameter] = name;
        }

        return Call(FindBooking, arguments);
    }

    /// <summary>Whether the tool declares the parameter; null when it declares no schema to tell.</summary>
    private bool? Accepts(string tool, string parameter) =>
        Properties(tool) is { } properties ? properties.TryGetProperty(parameter, out _) : null;

    private void AddIfAccepted(Dictionary<string, object?> arguments, string tool, string parameter, string? value)
    {
        if (value is not null && Accepts(tool, parameter) != false)
        {
            arguments[parameter] = value;
        }
    }

    /// <summary>The declared parameter that takes a booking's id, if the tool declares one.</summary>
    private string? IdParameterOf(string tool) =>
        Properties(tool) is { } properties ? IdParameters.FirstOrDefault(name => properties.TryGetProperty(name, out _)) : null;

    private JsonElement? Properties(string tool) =>
        _tools.GetValueOrDefault(tool) is AIFunctionDeclaration declaration
        && declaration.JsonSchema.ValueKind == JsonValueKind.Object
        && declaration.JsonSchema.TryGetProperty("properties", out JsonElement properties)
        && properties.ValueKind == JsonValueKind.Object
            ? properties
            : null;

    private static FunctionCallContent Call(string name, Dictionary<string, object?> arguments) =>
        new($"call_{Guid.NewGuid():N}", name, arguments);
}
