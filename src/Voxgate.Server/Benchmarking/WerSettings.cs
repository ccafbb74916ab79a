namespace Voxgate.Server.Benchmarking;

/// <summary>What <c>voxgate bench wer</c> measures.</summary>
/// <param name="Set">"dev" (<see cref="WerDevSentences"/>, for tuning) or "test" (<see cref="WerSentences"/>, for reporting).</param>
/// <param name="Voices">The flite voices that read the sentences.</param>
/// <param name="LanguageModel">A language model used alone, or null for the general model interpolated with the front-desk one.</param>
/// <param name="DomainWeight">The front-desk model's interpolation weight, or null for its default.</param>
/// <param name="LanguageWeight">The recogniser's language weight with the front-desk model, or null for its default.</param>
/// <param name="AsSession">Each voice is one caller whose channel adaptation carries over, instead of a new stream per sentence.</param>
/// <param name="Baseline">Also run Debian's <c>pocketsphinx_continuous</c> on the same audio.</param>
/// <param name="Verbose">Print every misheard sentence.</param>
internal sealed record WerSettings(
    string Set, IReadOnlyList<string> Voices, string? LanguageModel, float? DomainWeight, float? LanguageWeight, bool AsSession, bool Baseline, bool Verbose)
{
    public const string DevelopmentSet = "dev";
    public const string TestSet = "test";

    public IReadOnlyList<string> Sentences => Set == TestSet ? WerSentences.All : WerDevSentences.All;
}
