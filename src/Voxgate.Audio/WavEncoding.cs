namespace Voxgate.Audio;

/// <summary>Sample encodings Voxgate reads and writes in WAV files.</summary>
public enum WavEncoding
{
    /// <summary>16-bit signed little-endian PCM (format tag 1).</summary>
    Pcm16,

    /// <summary>32-bit IEEE float (format tag 3).</summary>
    IeeeFloat,

    /// <summary>G.711 A-law, 8 bits (format tag 6).</summary>
    ALaw,

    /// <summary>G.711 µ-law, 8 bits (format tag 7).</summary>
    MuLaw,
}
