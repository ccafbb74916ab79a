namespace Voxgate.Speech.Brain;

/// <summary>One parsed caller turn.</summary>
/// <param name="Intent">What it asks for.</param>
/// <param name="When">The date and time it mentions (for a move, the new one).</param>
/// <param name="From">For a move, the appointment it moves, when said ("from tuesday at three").</param>
/// <param name="Name">The caller's name, when said ("my name is ...").</param>
/// <param name="Service">The service asked for, when said ("a haircut").</param>
/// <param name="Inquiry">It asks whether a time is free ("do you have anything at three") rather than to book it.</param>
internal sealed record Utterance(Intent Intent, SpokenDateTime When, SpokenDateTime From, string? Name, string? Service, bool Inquiry = false);
