namespace Voxgate.Calls.Appointments;

/// <summary>Whether a slot is free, and up to three free slots nearest it that day.</summary>
public sealed record Availability(bool Available, string Date, string? Time, IReadOnlyList<string> Alternatives);
