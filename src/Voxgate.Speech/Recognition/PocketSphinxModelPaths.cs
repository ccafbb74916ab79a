using Voxgate.Speech.Recognition.LanguageModel;

namespace Voxgate.Speech.Recognition;

/// <summary>The files and folders a pocketsphinx decoder loads.</summary>
/// <param name="AcousticModelDirectory">The acoustic model folder (<c>-hmm</c>).</param>
/// <param name="LanguageModelFile">The n-gram language model (<c>-lm</c>), or the general one of an interpolated set.</param>
/// <param name="DictionaryFile">The pronunciation dictionary (<c>-dict</c>).</param>
internal sealed record PocketSphinxModelPaths(string AcousticModelDirectory, string LanguageModelFile, string DictionaryFile)
{
    /// <summary>A domain model interpolated with <see cref="LanguageModelFile"/>; null decodes with that file alone.</summary>
    public FrontDeskLanguageModel? DomainModel { get; init; }

    /// <summary>Where Debian's pocketsphinx-en-us installs the US English model.</summary>
    public const string DefaultModelDirectory = "/usr/share/pocketsphinx/model/en-us";

    /// <summary>The en-us layout under <paramref name="modelDirectory"/>: <c>en-us/</c>, <c>en-us.lm.bin</c>, <c>cmudict-en-us.dict</c>.</summary>
    /// <param name="modelDirectory">The model folder.</param>
    /// <param name="languageModelFile">A language model (ARPA or sphinx binary) to use instead of <c>en-us.lm.bin</c>; null keeps it.</param>
    public static PocketSphinxModelPaths FromDirectory(string modelDirectory, string? languageModelFile = null) => new(
        Path.Combine(modelDirectory, "en-us"),
        languageModelFile ?? Path.Combine(modelDirectory, "en-us.lm.bin"),
        Path.Combine(modelDirectory, "cmudict-en-us.dict"));

    /// <summary>The paths that do not exist.</summary>
    public IEnumerable<string> FindMissing()
    {
        if (!File.Exists(Path.Combine(AcousticModelDirectory, "mdef")))
        {
            yield return $"pocketsphinx acoustic model {AcousticModelDirectory} (apt package pocketsphinx-en-us)";
        }

        if (!File.Exists(LanguageModelFile))
        {
            yield return $"pocketsphinx language model {LanguageModelFile} (apt package pocketsphinx-en-us)";
        }

        if (!File.Exists(DictionaryFile))
        {
            yield return $"pocketsphinx dictionary {DictionaryFile} (apt package pocketsphinx-en-us)";
        }
    }
}
