namespace Voxgate.Server.Benchmarking.Dialogues;

/// <summary>One exchange: what the caller said, what the engine heard, and what the receptionist answered.</summary>
internal sealed record DialogueTurn(string Said, string Heard, string Reply)
{
    public WordErrorRate Recognition => WordErrorRate.Compute(Said, Heard);
}
