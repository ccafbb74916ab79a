namespace Voxgate.Speech.Brain;

/// <summary>The hours a business is open on one day of the week.</summary>
/// <param name="Opens">The opening time.</param>
/// <param name="Closes">The closing time; the last appointment must end by then.</param>
public sealed record DailyHours(TimeOnly Opens, TimeOnly Closes);
