using Microsoft.Extensions.AI;

namespace Voxgate.Realtime.Abstractions;

/// <summary>The three audio formats realtime sessions exchange, as Microsoft.Extensions.AI formats.</summary>
public static class RealtimeAudioFormats
{
    /// <summary>The media type of 16-bit little-endian PCM.</summary>
    public const string PcmMediaType = "audio/pcm";

    /// <summary>The media type of G.711 µ-law.</summary>
    public const string MuLawMediaType = "audio/pcmu";

    /// <summary>The media type of G.711 A-law.</summary>
    public const string ALawMediaType = "audio/pcma";

    /// <summary>PCM16 mono at 24 kHz: browsers and the default of every realtime model.</summary>
    public static RealtimeAudioFormat Pcm24k => new(PcmMediaType, 24000);

    /// <summary>G.711 µ-law at 8 kHz: telephony.</summary>
    public static RealtimeAudioFormat MuLaw => new(MuLawMediaType, 8000);

    /// <summary>G.711 A-law at 8 kHz: telephony outside North America.</summary>
    public static RealtimeAudioFormat ALaw => new(ALawMediaType, 8000);

    /// <summary>Bytes per millisecond of <paramref name="format"/>: 48 for PCM16 at 24 kHz, 8 for G.711.</summary>
    public static int BytesPerMillisecond(RealtimeAudioFormat format)
    {
        ArgumentNullException.ThrowIfNull(format);
        int rate = format.SampleRate <= 0 ? 24000 : format.SampleRate;
        return IsG711(format) ? rate / 1000 : rate / 1000 * 2;
    }

    /// <summary>Whether <paramref name="format"/> is one byte a sample (µ-law or A-law).</summary>
    public static bool IsG711(RealtimeAudioFormat format)
    {
        ArgumentNullException.ThrowIfNull(format);
        return string.Equals(format.MediaType, MuLawMediaType, StringComparison.OrdinalIgnoreCase)
            || string.Equals(format.MediaType, ALawMediaType, StringComparison.OrdinalIgnoreCase);
    }
}
