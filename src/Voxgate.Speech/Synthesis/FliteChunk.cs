namespace Voxgate.Speech.Synthesis;

/// <summary>One chunk of output audio, or (with no data) the mark that a sentence has been fully synthesised.</summary>
internal readonly record struct FliteChunk(byte[]? Data, bool SentenceEnd);
