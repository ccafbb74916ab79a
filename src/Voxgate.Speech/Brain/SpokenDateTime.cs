namespace Voxgate.Speech.Brain;

/// <summary>What an utterance said about when: any of a date, a clock time and a part of the day.</summary>
internal readonly record struct SpokenDateTime(DateOnly? Date, TimeOnly? Time, DayPart? Part)
{
    public bool IsEmpty => Date is null && Time is null && Part is null;
}
