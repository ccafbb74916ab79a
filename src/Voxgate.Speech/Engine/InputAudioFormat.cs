using Microsoft.Extensions.AI;

namespace Voxgate.Speech.Engine;

/// <summary>The audio encodings a session accepts and produces: OpenAI's three.</summary>
public enum AudioEncoding
{
    /// <summary>16-bit little-endian PCM (<c>audio/pcm</c>), 24 kHz unless stated.</summary>
    Pcm16,

    /// <summary>G.711 µ-law at 8 kHz (<c>audio/pcmu</c>).</summary>
    MuLaw,

    /// <summary>G.711 A-law at 8 kHz (<c>audio/pcma</c>).</summary>
    ALaw,
}

/// <summary>An encoding and rate, read from a Microsoft.Extensions.AI <see cref="RealtimeAudioFormat"/>.</summary>
public readonly record struct SessionAudioFormat(AudioEncoding Encoding, int SampleRate)
{
    /// <summary>OpenAI's default: PCM16 at 24 kHz.</summary>
    public static readonly SessionAudioFormat Default = new(AudioEncoding.Pcm16, 24000);

    /// <summary>Bytes per sample: 2 for PCM16, 1 for G.711.</summary>
    public int BytesPerSample => Encoding == AudioEncoding.Pcm16 ? 2 : 1;

    /// <summary>The media type for <see cref="DataContent"/>.</summary>
    public string MediaType => Encoding switch
    {
        AudioEncoding.MuLaw => "audio/pcmu",
        AudioEncoding.ALaw => "audio/pcma",
        _ => "audio/pcm",
    };

    /// <summary>Reads a format; null or an unknown media type gives an error message instead.</summary>
    public static bool TryParse(RealtimeAudioFormat? format, out SessionAudioFormat result, out string? error)
    {
        error = null;
        if (format is null)
        {
            result = Default;
            return true;
        }

        string media = format.MediaType?.Split(';')[0].Trim().ToLowerInvariant() ?? string.Empty;
        switch (media)
        {
            case "audio/pcm" or "audio/l16" or "pcm16":
                int rate = format.SampleRate <= 0 ? 24000 : format.SampleRate;
                if (rate is not (8000 or 16000 or 22050 or 24000 or 32000 or 44100 or 48000))
                {
                    result = Default;
                    error = $"Audio rate {rate} Hz is not supported; use 24000 (or 8000, 16000, 22050, 32000, 44100, 48000).";
                    return false;
                }

                result = new SessionAudioFormat(AudioEncoding.Pcm16, rate);
                return true;
            case "audio/pcmu" or "audio/basic" or "g711_ulaw":
                result = new SessionAudioFormat(AudioEncoding.MuLaw, 8000);
                return true;
            case "audio/pcma" or "g711_alaw":
                result = new SessionAudioFormat(AudioEncoding.ALaw, 8000);
                return true;
            default:
                result = Default;
                error = $"Audio format '{format.MediaType}' is not supported; use audio/pcm, audio/pcmu or audio/pcma.";
                return false;
        }
    }

    /// <summary>This format as a Microsoft.Extensions.AI <see cref="RealtimeAudioFormat"/>.</summary>
    public RealtimeAudioFormat ToRealtimeAudioFormat() => new(MediaType, SampleRate);
}
