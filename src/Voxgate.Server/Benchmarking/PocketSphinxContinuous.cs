using System.Diagnostics;
using Voxgate.Audio;

namespace Voxgate.Server.Benchmarking;

/// <summary>
/// Debian's <c>pocketsphinx_continuous</c> (package pocketsphinx) with its own defaults — the general en-us model —
/// run on the same audio the engine hears, as the baseline the word error rate is compared with.
/// </summary>
internal sealed class PocketSphinxContinuous : IDisposable
{
    public const string Program = "pocketsphinx_continuous";

    private readonly string _folder = Path.Combine(Path.GetTempPath(), $"voxgate-wer-{Guid.NewGuid():N}");

    public PocketSphinxContinuous() => Directory.CreateDirectory(_folder);

    /// <summary>What the program prints for 16 kHz mono audio (one line per utterance it finds, joined).</summary>
    /// <exception cref="InvalidOperationException">The program is missing or failed.</exception>
    public async Task<string> TranscribeAsync(short[] samples16k, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(samples16k);
        string wav = Path.Combine(_folder, "utterance.wav");
        var floats = new float[samples16k.Length];
        Pcm16.ToFloat(samples16k, floats);
        WavFile.Write(wav, new AudioClip(floats, 16000, 1));

        var start = new ProcessStartInfo(Program, ["-infile", wav, "-logfn", "/dev/null"])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        Process process;
        try
        {
            process = Process.Start(start) ?? throw new InvalidOperationException($"{Program} did not start.");
        }
        catch (System.ComponentModel.Win32Exception ex)
        {
            throw new InvalidOperationException($"{Program} is not installed (apt package pocketsphinx).", ex);
        }

        using (process)
        {
            Task<string> error = process.StandardError.ReadToEndAsync(cancellationToken);
            string text = await process.StandardOutput.ReadToEndAsync(cancellationToken).ConfigureAwait(false);
            await process.WaitForExitAsync(cancellationToken).ConfigureAwait(false);
            await error.ConfigureAwait(false);
            if (process.ExitCode != 0)
            {
                throw new InvalidOperationException($"{Program} exited with {process.ExitCode}.");
            }

            return string.Join(' ', text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        }
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
            // A temporary folder; the system cleans it up eventually.
        }
    }
}
