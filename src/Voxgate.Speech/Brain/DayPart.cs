namespace Voxgate.Speech.Brain;

/// <summary>A part of the day said instead of, or beside, a clock time.</summary>
internal enum DayPart
{
    Morning,
    Afternoon,
    Evening,
}
