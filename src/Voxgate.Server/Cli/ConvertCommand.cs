using System.CommandLine;
using Voxgate.Audio;

namespace Voxgate.Server.Cli;

/// <summary><c>voxgate convert</c>: rate, channel and codec conversion of WAV files with Voxgate's own DSP.</summary>
internal static class ConvertCommand
{
    private static readonly int[] KnownRates = [8000, 16000, 22050, 24000, 32000, 44100, 48000];

    public static Command Create()
    {
        var input = new Argument<FileInfo>("IN") { Description = "The WAV file to read (PCM16, float32, A-law or µ-law)." };
        var output = new Argument<FileInfo>("OUT") { Description = "The file to write: .wav, or raw G.711 as .ul/.al." };
        var rate = new Option<int?>("--rate") { Description = "Output sample rate in Hz (default: the input's, or 8000 for G.711)." };
        var codec = new Option<string?>("--codec") { Description = "Output encoding: pcm16, ulaw or alaw (default: from the file name, else pcm16)." };
        codec.AcceptOnlyFromAmong("pcm16", "ulaw", "alaw");
        var channels = new Option<int?>("--channels") { Description = "Output channels; 1 mixes down to mono." };

        var command = new Command("convert", "Convert a WAV file's rate, channels or codec.") { input, output, rate, codec, channels };
        command.SetAction(async (parse, cancellationToken) =>
        {
            try
            {
                var request = new ConvertRequest(parse.GetValue(input)!, parse.GetValue(output)!, parse.GetValue(rate), parse.GetValue(codec), parse.GetValue(channels));
                string summary = await Task.Run(() => Convert(request), cancellationToken).ConfigureAwait(false);
                await parse.InvocationConfiguration.Output.WriteLineAsync(summary).ConfigureAwait(false);
                return 0;
            }
            catch (Exception ex) when (ex is InvalidDataException or IOException or UnauthorizedAccessException or ArgumentException)
            {
                await parse.InvocationConfiguration.Error.WriteLineAsync($"voxgate convert: {ex.Message}").ConfigureAwait(false);
                return 1;
            }
        });
        return command;
    }

    private static string Convert(ConvertRequest request)
    {
        if (!request.Input.Exists)
        {
            throw new FileNotFoundException($"{request.Input.FullName} does not exist.");
        }

        string extension = request.Output.Extension.ToLowerInvariant();
        bool raw = extension is ".ul" or ".al" or ".ulaw" or ".alaw";
        WavEncoding encoding = (request.Codec ?? extension) switch
        {
            "ulaw" or ".ul" or ".ulaw" => WavEncoding.MuLaw,
            "alaw" or ".al" or ".alaw" => WavEncoding.ALaw,
            _ => WavEncoding.Pcm16,
        };
        if (raw && encoding != (extension.StartsWith(".u", StringComparison.Ordinal) ? WavEncoding.MuLaw : WavEncoding.ALaw))
        {
            throw new ArgumentException($"--codec {request.Codec} does not match the raw file type {extension}.");
        }

        AudioClip clip = WavFile.Read(request.Input.FullName);
        int channels = request.Channels ?? clip.Channels;
        if (channels != 1 && channels != clip.Channels)
        {
            throw new ArgumentException($"--channels {channels}: only 1 (mix down) or the input's {clip.Channels} are supported.");
        }

        if (raw && channels != 1)
        {
            throw new ArgumentException("raw G.711 output is mono; add --channels 1.");
        }

        bool g711 = encoding is WavEncoding.MuLaw or WavEncoding.ALaw;
        int rate = request.Rate ?? (g711 ? 8000 : clip.SampleRate);
        if (!KnownRates.Contains(rate))
        {
            throw new ArgumentException($"--rate {rate} is not one of {string.Join(", ", KnownRates)}.");
        }

        if (channels == 1)
        {
            clip = clip.ToMono();
        }

        clip = clip.Resample(rate);
        if (raw)
        {
            File.WriteAllBytes(request.Output.FullName, WavFile.Encode(clip.Samples, encoding));
        }
        else
        {
            WavFile.Write(request.Output.FullName, clip, encoding);
        }

        return $"{request.Output.Name}: {clip.Duration.TotalSeconds:F2} s, {clip.SampleRate} Hz, {clip.Channels} ch, {encoding}{(raw ? " (raw)" : string.Empty)}";
    }

    private sealed record ConvertRequest(FileInfo Input, FileInfo Output, int? Rate, string? Codec, int? Channels);
}
