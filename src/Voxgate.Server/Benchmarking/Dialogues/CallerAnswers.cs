namespace Voxgate.Server.Benchmarking.Dialogues;

/// <summary>
/// What a scripted caller says when the receptionist asks for something once the script's own lines are said:
/// each kind of question has one or more answers, the next one used if the same thing is asked again (as a person
/// rephrases). Null means the caller does not have it and says so.
/// </summary>
internal sealed record CallerAnswers
{
    public IReadOnlyList<string>? Name { get; init; }

    public IReadOnlyList<string>? Day { get; init; }

    public IReadOnlyList<string>? Time { get; init; }

    public IReadOnlyList<string>? Reference { get; init; }

    /// <summary>The answer to "shall I…?".</summary>
    public IReadOnlyList<string> Confirm { get; init; } = ["yes please"];

    /// <summary>The answer to "anything else?", which ends the call.</summary>
    public string Done { get; init; } = "no that's all thank you";

    /// <summary>What the caller says for something they were not given an answer for.</summary>
    public string DontKnow { get; init; } = "sorry i don't know";
}
