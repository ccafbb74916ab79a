namespace Voxgate.Speech.Brain;

/// <summary>The latest tool result in the conversation, with the appointment it was about.</summary>
/// <param name="Tool">The tool's name.</param>
/// <param name="Outcome">What the result means.</param>
/// <param name="Slot">The date and time the call was made for.</param>
/// <param name="Task">The task it advanced.</param>
internal sealed record ToolStep(string Tool, ToolOutcome Outcome, Slot Slot, AppointmentTask Task);
