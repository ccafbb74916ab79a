using System.ComponentModel.DataAnnotations;

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

    /// <summary>The default voice: slt, rms, awb or kal16.</summary>
    [Required]
    public string Voice { get; set; } = "slt";

    /// <summary>Speech recognisers kept loaded (each takes about half a second to load and ~40 MB).</summary>
    [Range(1, 64)]
    public int RecognizerPoolSize { get; set; } = 2;

    /// <summary>The VAD model path made absolute.</summary>
    public string ResolvedVadModelPath => Path.IsPathRooted(VadModelPath) ? VadModelPath : Path.Combine(AppContext.BaseDirectory, VadModelPath);

    /// <summary>The files and libraries the engine needs that are missing; empty when it is ready to run.</summary>
    public IReadOnlyList<string> FindMissingParts()
        => SpeechModels.FindProblems(ResolvedVadModelPath, SpeechModelDirectory, [Voice]);
}
