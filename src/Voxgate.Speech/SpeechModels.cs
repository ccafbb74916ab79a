using System.Runtime.InteropServices;

using Voxgate.Speech.Recognition;
using Voxgate.Speech.Synthesis;
using Voxgate.Speech.Vad;

namespace Voxgate.Speech;

/// <summary>Checks that the local engine's models and native libraries are present (for the host's health check).</summary>
internal static class SpeechModels
{
    /// <summary>
    /// What is missing for VAD, recognition and synthesis, one line each; empty when everything is there.
    /// Loads (and unloads) the native libraries to check them, but no models.
    /// </summary>
    /// <param name="vadModelPath">The Silero model; default <see cref="SileroVad.DefaultModelPath"/>.</param>
    /// <param name="pocketSphinxModelDirectory">The pocketsphinx en-us folder; default <c>/usr/share/pocketsphinx/model/en-us</c>.</param>
    /// <param name="voices">The flite voices to check; default all of <see cref="FliteTextToSpeechClient.Voices"/>.</param>
    /// <param name="languageModelFile">A language model replacing the folder's <c>en-us.lm.bin</c>; null checks the folder's.</param>
    public static IReadOnlyList<string> FindProblems(
        string? vadModelPath = null, string? pocketSphinxModelDirectory = null, IEnumerable<string>? voices = null, string? languageModelFile = null)
    {
        var problems = new List<string>();
        string vad = vadModelPath ?? SileroVad.DefaultModelPath;
        if (!File.Exists(vad))
        {
            problems.Add($"Silero VAD model {vad} is missing (run scripts/setup.sh)");
        }

        problems.AddRange(PocketSphinxModelPaths.FromDirectory(pocketSphinxModelDirectory ?? PocketSphinxModelPaths.DefaultModelDirectory, languageModelFile).FindMissing());
        CheckLibrary(problems, "libsphinxbase.so.3", "cmd_ln_parse_r", "libsphinxbase3");
        CheckLibrary(problems, "libpocketsphinx.so.3", "ps_init", "libpocketsphinx3");
        CheckLibrary(problems, "libflite.so.1", "flite_text_to_speech", "libflite1");
        foreach (string voice in voices ?? FliteTextToSpeechClient.Voices)
        {
            if (!FliteTextToSpeechClient.Voices.Contains(voice))
            {
                problems.Add($"flite voice '{voice}' is not one of {string.Join(", ", FliteTextToSpeechClient.Voices)}");
                continue;
            }

            CheckLibrary(problems, FliteNative.LibraryOf(voice), $"register_cmu_us_{voice}", "libflite1");
        }

        return problems;
    }

    private static void CheckLibrary(List<string> problems, string library, string export, string package)
    {
        if (!NativeLibrary.TryLoad(library, out IntPtr handle))
        {
            problems.Add($"native library {library} does not load (apt package {package})");
            return;
        }

        try
        {
            if (!NativeLibrary.TryGetExport(handle, export, out _))
            {
                problems.Add($"native library {library} has no {export} (unexpected version)");
            }
        }
        finally
        {
            NativeLibrary.Free(handle);
        }
    }
}
