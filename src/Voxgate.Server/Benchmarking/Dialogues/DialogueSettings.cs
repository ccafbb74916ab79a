namespace Voxgate.Server.Benchmarking.Dialogues;

/// <summary>What <c>voxgate bench dialogues</c> runs.</summary>
/// <param name="Set">
/// "dev" (<see cref="DialogueDevSet"/>, for tuning), "test" (<see cref="DialogueTestSet"/>, for reporting), "heldout"
/// (<see cref="DialogueHeldOutSet"/>, a second held-out set for reporting, never to be tuned on), "third"
/// (<see cref="DialogueThirdSet"/>, a third, written 2026-12-06) or "all" (the four together).
/// </param>
/// <param name="Only">Dialogue ids to run alone; empty runs the whole set.</param>
/// <param name="Parallel">Dialogues at a time.</param>
/// <param name="Verbose">Print the turns of every failed dialogue.</param>
/// <param name="Transcripts">With <paramref name="Verbose"/>, print the turns of every dialogue.</param>
/// <param name="PreemptiveLeadMs">The engine's <see cref="Voxgate.Speech.Engine.EngineLimits.PreemptiveLeadMs"/>: 0 settles the caller's words only when the silence window closes.</param>
internal sealed record DialogueSettings(string Set, IReadOnlyList<string> Only, int Parallel, bool Verbose, bool Transcripts, int PreemptiveLeadMs)
{
    /// <summary>The engine's <see cref="Voxgate.Speech.LocalEngineOptions.AnswerModelWeight"/>: 0 listens to answers as to anything else.</summary>
    public double AnswerModelWeight { get; init; } = Voxgate.Speech.Recognition.LanguageModel.FrontDeskLanguageModel.DefaultAnswerWeight;

    public const string DevelopmentSet = "dev";
    public const string TestSet = "test";
    public const string HeldOutSet = "heldout";
    public const string ThirdSet = "third";
    public const string AllSets = "all";

    public IReadOnlyList<DialogueScript> Scripts
    {
        get
        {
            IReadOnlyList<DialogueScript> set = Set switch
            {
                TestSet => DialogueTestSet.All,
                HeldOutSet => DialogueHeldOutSet.All,
                ThirdSet => DialogueThirdSet.All,
                AllSets => [.. DialogueDevSet.All, .. DialogueTestSet.All, .. DialogueHeldOutSet.All, .. DialogueThirdSet.All],
                _ => DialogueDevSet.All,
            };
            return Only.Count == 0 ? set : [.. set.Where(s => Only.Contains(s.Id, StringComparer.Ordinal))];
        }
    }
}
