namespace Voxgate.Realtime.Protocol;

/// <summary>The session's input audio format as far as the wire cares: its media type, and whether samples are 2 bytes.</summary>
/// <param name="MediaType"><c>audio/pcm</c>, <c>audio/pcmu</c> or <c>audio/pcma</c>.</param>
/// <param name="SampleRate">Samples per second.</param>
public sealed record AudioInputFormat(string MediaType, int SampleRate)
{
    /// <summary>OpenAI's default: PCM16 at 24 kHz.</summary>
    public static readonly AudioInputFormat Pcm24k = new("audio/pcm", 24000);

    /// <summary>PCM16 appends must hold whole samples.</summary>
    public bool IsPcm16 => MediaType.StartsWith("audio/pcm", StringComparison.OrdinalIgnoreCase) && !IsG711;

    private bool IsG711 => MediaType.Equals("audio/pcmu", StringComparison.OrdinalIgnoreCase) || MediaType.Equals("audio/pcma", StringComparison.OrdinalIgnoreCase);
}
