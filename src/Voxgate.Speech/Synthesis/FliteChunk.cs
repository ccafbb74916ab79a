namespace Voxgate.Speech.Synthesis;

/// <summary>
/// One chunk of output audio, the first <paramref name="Length"/> bytes of <paramref name="Data"/> (rented from the
/// shared pool; whoever holds the chunk owns it), or (with no data) the mark that a sentence has been fully synthesised.
/// </summary>
internal readonly record struct FliteChunk(byte[]? Data, int Length, bool SentenceEnd);
