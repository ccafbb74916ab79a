namespace Voxgate.Speech.Brain;

/// <summary>One parsed caller turn.</summary>
/// <param name="Intent">What it asks for.</param>
/// <param name="When">The date and time it mentions (for a move, the new one; for a correction, the corrected one).</param>
/// <param name="From">For a move, the appointment it moves, when said ("from tuesday at three").</param>
/// <param name="Name">The caller's name, when said ("my name is ...", or the whole answer to "your name?").</param>
/// <param name="Service">The service asked for, when said ("a haircut").</param>
/// <param name="Inquiry">It asks whether a time is free ("do you have anything at three") rather than to book it.</param>
internal sealed record Utterance(Intent Intent, SpokenDateTime When, SpokenDateTime From, string? Name, string? Service, bool Inquiry = false)
{
    /// <summary>A booking reference said (GB-YYYYMMDD-NNN), when one could be read whole.</summary>
    public string? Reference { get; init; }

    /// <summary>Part of a reference was heard, but not all of it.</summary>
    public bool PartialReference { get; init; }

    /// <summary>A phone number said (digits only).</summary>
    public string? Phone { get; init; }

    /// <summary>It changes what was said before: "actually make that ten", "sorry, I meant Tuesday", "no, not three, four".</summary>
    public bool Correction { get; init; }

    /// <summary>A word spelled out letter by letter ("c l a r k e" → "clarke"), usually a name.</summary>
    public string? Spelled { get; init; }

    /// <summary>The caller does not have what was asked for ("I don't know it", "I don't have the reference").</summary>
    public bool DoesNotKnow { get; init; }
}
