using Voxgate.Speech.Brain;

namespace Voxgate.Server.Benchmarking.Dialogues;

/// <summary>How one scripted conversation went and how it scores.</summary>
internal sealed record DialogueResult(DialogueScript Script, IReadOnlyList<DialogueTurn> Turns, IReadOnlyList<BookCall> Calls)
{
    /// <summary>The booking changes expected that were made with the right arguments.</summary>
    public required int CallsRight { get; init; }

    /// <summary>Booking changes made that the script did not ask for.</summary>
    public required int CallsWrong { get; init; }

    /// <summary>Every booking made or moved had its reference read back afterwards.</summary>
    public required bool ReferenceReadBack { get; init; }

    /// <summary>Every word the receptionist had to say was said.</summary>
    public required bool SaidAll { get; init; }

    /// <summary>Times the receptionist said exactly what it had just said.</summary>
    public required int Repeats { get; init; }

    /// <summary>Why the dialogue failed, or null.</summary>
    public string? Failure { get; init; }

    public bool Success => Failure is null;
}
