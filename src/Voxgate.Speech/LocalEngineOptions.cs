using System.ComponentModel.DataAnnotations;

using Voxgate.Speech.Recognition.LanguageModel;

namespace Voxgate.Speech;

/// <summary>Settings of the local speech engine (configuration section <c>Engine</c>).</summary>
public sealed class LocalEngineOptions
{
    /// <summary>The configuration section these options bind to.</summary>
    public const string SectionName = "Engine";

    /// <summary>The flite voices the engine can speak with.</summary>
    public static readonly IReadOnlyList<string> Voices = ["slt", "rms", "awb", "kal16"];

    /// <summary>The Silero VAD v5 model; a relative path is taken from the executable's folder.</summary>
    [Required]
    public string VadModelPath { get; set; } = "models/silero_vad_v5.onnx";

    /// <summary>The pocketsphinx en-us model folder (acoustic model, language model, dictionary).</summary>
    [Required]
    public string SpeechModelDirectory { get; set; } = "/usr/share/pocketsphinx/model/en-us";

    /// <summary>The <see cref="LanguageModel"/> value that decodes with the model folder's general <c>en-us.lm.bin</c> alone.</summary>
    public const string GeneralLanguageModel = "general";

    /// <summary>
    /// An n-gram language model (ARPA text or sphinx binary) used alone; a relative path is taken from the executable's
    /// folder, and <c>general</c> means the model folder's <c>en-us.lm.bin</c>. Null or empty (the default) decodes with
    /// that general model interpolated with Voxgate's front-desk model, built on first start and cached.
    /// </summary>
    public string? LanguageModel { get; set; }

    /// <summary>
    /// With the front-desk model: the weight of the answer model (today names only) for
    /// the caller's utterance after the agent asked for one; 0 listens to every utterance alike. Below 1.
    /// </summary>
    [Range(0.0, 0.99)]
    public double AnswerModelWeight { get; set; } = FrontDeskLanguageModel.DefaultAnswerWeight;

    /// <summary>The default voice: slt, rms, awb or kal16.</summary>
    [Required]
    public string Voice { get; set; } = "slt";

    /// <summary>
    /// Most speech recognisers loaded at once. A caller holds one while speaking, so this bounds how many can talk at
    /// the same moment; more load on demand (about 0.3 s and 40 MB each) and are kept.
    /// </summary>
    [Range(1, 64)]
    public int RecognizerPoolSize { get; set; } = 8;

    /// <summary>Recognisers loaded at start-up, so the first callers do not wait for one.</summary>
    [Range(0, 64)]
    public int RecognizersAtStart { get; set; } = 2;

    /// <summary>The VAD model path made absolute.</summary>
    public string ResolvedVadModelPath => Path.IsPathRooted(VadModelPath) ? VadModelPath : Path.Combine(AppContext.BaseDirectory, VadModelPath);

    /// <summary>The language model path made absolute, or null for the general model interpolated with the front-desk one.</summary>
    public string? ResolvedLanguageModel => string.IsNullOrWhiteSpace(LanguageModel) ? null
        : string.Equals(LanguageModel, GeneralLanguageModel, StringComparison.OrdinalIgnoreCase) ? Path.Combine(SpeechModelDirectory, "en-us.lm.bin")
        : Path.IsPathRooted(LanguageModel) ? LanguageModel : Path.Combine(AppContext.BaseDirectory, LanguageModel);

    /// <summary>The files and libraries the engine needs that are missing; empty when it is ready to run.</summary>
    public IReadOnlyList<string> FindMissingParts()
        => SpeechModels.FindProblems(ResolvedVadModelPath, SpeechModelDirectory, [Voice], ResolvedLanguageModel);
}
